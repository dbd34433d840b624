/** A mistake in how mldebt was called (a missing path, a bad flag value): exit code 2, message on stderr. */
export class UsageError extends Error {}
