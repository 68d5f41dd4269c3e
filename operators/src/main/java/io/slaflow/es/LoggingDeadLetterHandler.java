package io.slaflow.es;

import io.slaflow.event.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link EsDeadLetterHandler}: a WARN line per refused document (its message, never its content). */
final class LoggingDeadLetterHandler implements EsDeadLetterHandler {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoggingDeadLetterHandler.class);

    @Override
    public void accept(DeadLetter deadLetter) {
        LOG.warn("dead letter {}: {}", deadLetter.id(), deadLetter.message());
    }
}
