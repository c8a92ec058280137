/**
 * Views between Node's Buffer (what the database drivers and ioredis read and write) and the
 * Uint8Array the rest of the app uses. Both share the memory they are given; nothing is copied.
 */

/** The bytes of a Buffer as a plain Uint8Array. */
export const asBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)

/** A Uint8Array as a Buffer, for a driver that wants one. */
export const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
