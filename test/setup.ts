/** Runs around every test file: the temporary projects its tests made are removed after it. */
import { afterAll } from "vitest";
import { removeTempProjects } from "./helpers/cli.js";

afterAll(removeTempProjects);
