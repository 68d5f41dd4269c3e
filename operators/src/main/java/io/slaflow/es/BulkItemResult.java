package io.slaflow.es;

/**
 * One item of a bulk response: its HTTP status and, when it failed, Elasticsearch's error type and reason.
 *
 * <p>Retryable: 429 (rejected execution, circuit breakers), 5xx (shard unavailable, node shutting down) and 409 (an
 * {@code update} that lost {@code retry_on_conflict} races against another writer). Every other 4xx is permanent: the
 * same document would be refused again ({@code mapper_parsing_exception}, {@code document_parsing_exception},
 * {@code illegal_argument_exception}, {@code index_not_found_exception} when auto-creation is off, ...).
 */
record BulkItemResult(int status, String errorType, String errorReason) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    boolean retryable() {
        return status == 429 || status == 409 || status >= 500;
    }
}
