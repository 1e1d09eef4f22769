/**
 * The few promise helpers over IndexedDB that the recording store needs, instead of a library:
 * one object store of records, one of chunks, a handful of requests.
 */

/** The result of an IndexedDB request. */
export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Resolves when the transaction has committed; rejects when it aborts (quota exceeded, a failed
 * request, a closed database), with the reason.
 */
export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    const fail = (): void => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onabort = fail;
    tx.onerror = fail;
  });
}

/**
 * Opens (and creates or upgrades) a database. The connection closes itself when another tab
 * needs a newer version, so a page with an old copy of the app never blocks an upgrade forever.
 */
export async function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, oldVersion: number) => void,
): Promise<IDBDatabase> {
  const request = factory.open(name, version);
  request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
  const db = await requestResult(request);
  db.onversionchange = () => db.close();
  return db;
}
