import { describe, expect, it } from "vitest";
import { remoteVersionOf } from "../../src/rules-kit/remote-versions.js";

describe("remoteVersionOf", () => {
  it.each([
    ["https://raw.githubusercontent.com/acme/data/4b1f0c2e9d7a8b6c5e3f1a0d9c8b7a6e5f4d3c2b/plans.csv", "a commit or content hash"],
    ["https://example.org/v3/data.csv", "a version"],
    ["https://example.org/releases/1.2.0/data.csv", "a version number"],
    ["s3://ml-data/2024-05-01/clicks.parquet", "a date"],
    ["s3://ml-data/clicks/dt=2024-05-01/part-0.parquet", "a date"],
    ["https://d37ci6vzurychx.cloudfront.net/trip-data/yellow_tripdata_2023-01.parquet", "a month"],
    ["https://zenodo.org/record/1234567/files/x.csv", "an immutable record id"],
    ["https://storage.googleapis.com/b/x.csv?generation=1714557000", "an object version in the query"],
    ["https://download.pytorch.org/models/resnet50-0676ba61.pth", "a content hash in the file name"],
    ["hf://datasets/org/name@3e1c0f2/x.csv", "@3e1c0f2"],
  ])("%s is pinned by %s", (url, marker) => {
    expect(remoteVersionOf(url)).toEqual({ state: "pinned", marker });
  });

  it.each([
    ["s3://ml-data/latest/clicks.parquet", "latest"],
    ["https://huggingface.co/datasets/x/resolve/main/train.csv", "main"],
    ["https://raw.githubusercontent.com/acme/geo/master/data_*.csv", "master"],
    ["s3://bucket/events_latest.parquet", "events_latest.parquet"],
    ["hf://datasets/org/name@main/x.csv", "@main"],
  ])("%s moves with %s", (url, marker) => {
    expect(remoteVersionOf(url)).toEqual({ state: "moving", marker });
  });

  it("calls bare keys unpinned, and patterns or placeholders unknown", () => {
    expect(remoteVersionOf("https://archive.ics.uci.edu/ml/machine-learning-databases/adult/adult.data").state).toBe("unpinned");
    expect(remoteVersionOf("gs://team-bucket/exports/customers.csv").state).toBe("unpinned");
    expect(remoteVersionOf("gs://b/*/x.csv").state).toBe("unknown");
    expect(remoteVersionOf("https://example.org/trip-data/yellow_tripdata_????-??.parquet").state).toBe("unknown");
    expect(remoteVersionOf("https://www.dropbox.com/s/abc/data.csv?dl=1").state).toBe("unpinned");
  });
});

it("reads a version suffix in a file name as a pin", () => {
  expect(remoteVersionOf("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz")).toEqual({ state: "pinned", marker: "a version in the file name" });
});
