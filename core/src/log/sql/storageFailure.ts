/**
 * Whether a database write failed because the storage under it refused the bytes (a full disk, a file
 * size limit, an I/O error) rather than for a reason of its own: SQLite's `SQLITE_FULL` and
 * `SQLITE_IOERR_*`, MySQL/MariaDB's table-full and disk-full errors, or the system's ENOSPC, EFBIG, EIO.
 * Such a failure lasts until an operator makes room, so it is worth saying so.
 */
export function isStorageFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, errno } = e as { code?: unknown; errno?: unknown };
    if (typeof code === 'string') {
      if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return true;
      if (['ENOSPC', 'EFBIG', 'EIO', 'EDQUOT', 'ER_RECORD_FILE_FULL', 'ER_DISK_FULL'].includes(code))
        return true;
    }
    if (errno === 1114 || errno === 1021) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
