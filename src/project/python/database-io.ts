/**
 * Reads and writes of database tables by Python code: SQL queries and whole tables read into
 * data frames (pandas, polars, Spark), data frames written to tables (`to_sql`, `to_gbq`, Spark's
 * `saveAsTable`). Tables are data other systems share, so the hidden-data-dependency rules ask
 * whether a read names one snapshot and whether a write feeds consumers nobody declared.
 *
 * Functions are recognised through the import table; the methods (`to_sql`, Spark's `table`)
 * by name, Spark's only when the module imports pyspark.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { descendants, type ModuleScope } from "./scope.js";
import { resolveString } from "./paths.js";

export interface DatabaseAccess {
  /** Qualified API (`pandas.read_sql`), or `Receiver.method` for methods (`DataFrame.to_sql`, `SparkSession.table`). */
  api: string;
  direction: "read" | "write";
  /** The call. */
  node: PyNode;
  /** The query or table-name argument, when the call has one. */
  argument: PyNode | null;
  /** `query`: SQL text; `table`: a table name. */
  form: "query" | "table";
  /** The argument's text when it is statically known (a pattern with `*` for unknown parts), else null. */
  text: string | null;
  exact: boolean;
}

interface DatabaseApi {
  direction: "read" | "write";
  form: "query" | "table";
  position: number;
  keyword: string;
}

const reads = (form: DatabaseApi["form"], position: number, keyword: string): DatabaseApi => ({ direction: "read", form, position, keyword });
const writes = (position: number, keyword: string): DatabaseApi => ({ direction: "write", form: "table", position, keyword });

const FUNCTIONS: Record<string, DatabaseApi> = {
  "pandas.read_sql": reads("query", 0, "sql"),
  "pandas.read_sql_query": reads("query", 0, "sql"),
  "pandas.read_sql_table": reads("table", 0, "table_name"),
  "pandas.read_gbq": reads("query", 0, "query"),
  "pandas_gbq.read_gbq": reads("query", 0, "query_or_table"),
  "polars.read_database": reads("query", 0, "query"),
  "polars.read_database_uri": reads("query", 0, "query"),
  "pandas_gbq.to_gbq": writes(1, "destination_table"),
};

/** Methods recognised on any receiver (distinctive names). */
const METHODS: Record<string, [string, DatabaseApi]> = {
  to_sql: ["DataFrame.to_sql", writes(0, "name")],
  to_gbq: ["DataFrame.to_gbq", writes(0, "destination_table")],
  write_database: ["DataFrame.write_database", writes(0, "table_name")],
};

/** Spark methods, recognised when the module imports pyspark. */
const SPARK_METHODS: Record<string, [string, DatabaseApi]> = {
  table: ["SparkSession.table", reads("table", 0, "tableName")],
  sql: ["SparkSession.sql", reads("query", 0, "sqlQuery")],
  saveAsTable: ["DataFrameWriter.saveAsTable", writes(0, "name")],
  insertInto: ["DataFrameWriter.insertInto", writes(0, "tableName")],
};

function apiOf(call: PyNode, scope: ModuleScope): [string, DatabaseApi] | null {
  const qualified = scope.imports.calleeName(call);
  if (qualified) return FUNCTIONS[qualified] ? [qualified, FUNCTIONS[qualified]] : null;
  const callee = field(call, "function");
  if (callee?.type !== "attribute") return null;
  const method = field(callee, "attribute")?.text ?? "";
  if (Object.hasOwn(METHODS, method)) return METHODS[method]!;
  if (Object.hasOwn(SPARK_METHODS, method) && scope.imports.importsModule("pyspark")) return SPARK_METHODS[method]!;
  return null;
}

/** Every read and write of a database table in a module, in source order. */
export function extractDatabaseAccesses(root: PyNode, scope: ModuleScope): DatabaseAccess[] {
  const accesses: DatabaseAccess[] = [];
  for (const call of descendants(root, "call")) {
    const match = apiOf(call, scope);
    if (!match) continue;
    const [api, entry] = match;
    const argument = positionalArguments(call)[entry.position] ?? keywordArgument(call, entry.keyword) ?? null;
    const resolved = argument ? resolveString(argument, scope) : null;
    accesses.push({ api, direction: entry.direction, node: call, argument, form: entry.form, text: resolved?.text ?? null, exact: resolved?.exact ?? false });
  }
  return accesses;
}

/** Clauses that read a table as of one time or version (BigQuery, SQL Server, Delta, Snowflake, Iceberg). */
const TIME_TRAVEL = /\b(?:FOR\s+SYSTEM_TIME\s+AS\s+OF|(?:TIMESTAMP|VERSION)\s+AS\s+OF|AS\s+OF\s+(?:TIMESTAMP|SYSTEM\s+TIME|'|")|AT\s*\(\s*(?:TIMESTAMP|OFFSET|STATEMENT)|BEFORE\s*\(\s*(?:TIMESTAMP|OFFSET|STATEMENT)|FOR\s+(?:TIMESTAMP|VERSION)\s+AS\s+OF)/iu;
/** Table names that are snapshots themselves: a date or version suffix, Delta's `@v3`. */
const SNAPSHOT_TABLE = /(?:@v?\d+|[_-]v\d+|[_-](?:19|20)\d{2}[_-]?\d{2}(?:[_-]?\d{2})?|[_-]snapshot\w*)$/iu;

/** The tables a query reads (`FROM a JOIN b`), as written. */
export function tablesOfQuery(query: string): string[] {
  const tables: string[] = [];
  for (const match of query.matchAll(/\b(?:FROM|JOIN)\s+([`"[]?[\w.$@-]+[`"\]]?(?:\.[`"[]?[\w$@-]+[`"\]]?)*)/giu)) {
    const name = match[1]!.replace(/[`"[\]]/gu, "");
    if (!/^\(|^select$/iu.test(name) && !tables.includes(name)) tables.push(name);
  }
  return tables;
}

/** True when a read names one snapshot of its table(s): a time-travel clause or snapshot tables only. */
export function readsSnapshot(access: DatabaseAccess): boolean {
  if (access.text === null) return false;
  if (access.form === "table") return SNAPSHOT_TABLE.test(access.text);
  if (TIME_TRAVEL.test(access.text)) return true;
  const tables = tablesOfQuery(access.text);
  return tables.length > 0 && tables.every((table) => SNAPSHOT_TABLE.test(table));
}
