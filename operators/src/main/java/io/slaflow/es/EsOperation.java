package io.slaflow.es;

/** How an {@link EsDocument} is written. Plain bulk actions only: the test node (and many clusters) run no scripts. */
public enum EsOperation {
    /** {@code index}: the source replaces the whole document with that id (created when absent). */
    INDEX,
    /**
     * {@code update} with {@code doc_as_upsert}: the source's fields are merged into the document with that id (created
     * from the source when absent), {@code retry_on_conflict} 3 against concurrent writers of the same id.
     */
    UPSERT
}
