package io.slaflow.es;

import java.io.Serializable;

/**
 * Turns a stream element into the {@link EsDocument} {@link EsSink} writes. Serialized with the job graph. The id must
 * be deterministic (derived from the element, never random or time-based): that is what makes retries and replays
 * overwrite instead of duplicate. Returning {@code null} writes nothing for that element.
 */
@FunctionalInterface
public interface EsDocumentMapper<T> extends Serializable {

    EsDocument toDocument(T element);
}
