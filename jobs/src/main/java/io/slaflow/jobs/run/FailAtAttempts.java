package io.slaflow.jobs.run;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.slf4j.LoggerFactory;

/**
 * Test-only failure injection (see {@link FailurePlan}): a pass-through step whose subtasks throw on the attempts the
 * plan names, after the number of records it names for that attempt. Flink's attempt number counts the restarts of
 * the task, and every task of this job restarts together (one failover region: the keyBy connects them all), so
 * attempt {@code k} is the job's k-th restart.
 *
 * <p>With {@code afterFirstCheckpoint}, records are counted only once a checkpoint of the current attempt has
 * completed, so the failure always falls between two checkpoints of the attempt and recovery is from a checkpoint taken
 * mid-stream, not from the start.
 */
final class FailAtAttempts<T> extends RichMapFunction<T, T> implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final String where;
    private final long[] afterByAttempt;
    private final boolean afterFirstCheckpoint;
    private transient boolean armed;
    private transient long seen;

    /** @param afterByAttempt index = attempt number; a negative value: that attempt does not fail here */
    FailAtAttempts(String where, long[] afterByAttempt, boolean afterFirstCheckpoint) {
        this.where = where;
        this.afterByAttempt = afterByAttempt.clone();
        this.afterFirstCheckpoint = afterFirstCheckpoint;
    }

    @Override
    public T map(T record) {
        int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        if (attempt >= afterByAttempt.length || afterByAttempt[attempt] < 0 || (afterFirstCheckpoint && !armed)) {
            return record;
        }
        if (++seen > afterByAttempt[attempt]) {
            String message = "injected failure " + where + ": attempt " + attempt + " of subtask "
                    + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + " after " + afterByAttempt[attempt]
                    + " records" + (afterFirstCheckpoint ? " since its first checkpoint" : "");
            LoggerFactory.getLogger(FailAtAttempts.class).info(message);
            throw new IllegalStateException(message);
        }
        return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        armed = true;
    }
}
