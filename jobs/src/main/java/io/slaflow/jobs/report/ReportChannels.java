package io.slaflow.jobs.report;

import java.io.Serializable;

/**
 * Where reports go beyond the folder, and how hard to try: e-mail, webhook, retries. Serializable: it travels with
 * the job graph. Secrets (the SMTP password inside {@link SmtpSettings}, the webhook token) are values read from a
 * file or the environment by whoever builds this; {@link #toString()} never shows them.
 *
 * @param smtp             e-mail delivery to each client's report contacts, or null
 * @param webhookUrl       where each report's JSON is POSTed, or null
 * @param webhookToken     bearer token for the webhook, or null
 * @param maxAttempts      tries per channel before the delivery is recorded FAILED and alerted
 * @param initialBackoffMs wait after the first failure; doubles per try, at most 60 s
 */
public record ReportChannels(
        SmtpSettings smtp, String webhookUrl, String webhookToken, int maxAttempts, long initialBackoffMs)
        implements Serializable {

    public ReportChannels {
        if (maxAttempts < 1)
            throw new IllegalArgumentException("report delivery needs at least 1 attempt, not " + maxAttempts);
        if (initialBackoffMs < 0) throw new IllegalArgumentException("the retry backoff must not be negative");
    }

    /** Folder only: no e-mail, no webhook; 5 attempts from 1 s once a channel is added. */
    public static ReportChannels none() {
        return new ReportChannels(null, null, null, 5, 1_000);
    }

    public ReportChannels withSmtp(SmtpSettings s) {
        return new ReportChannels(s, webhookUrl, webhookToken, maxAttempts, initialBackoffMs);
    }

    public ReportChannels withWebhook(String url, String token) {
        return new ReportChannels(smtp, url, token, maxAttempts, initialBackoffMs);
    }

    public ReportChannels withRetries(int attempts, long backoffMs) {
        return new ReportChannels(smtp, webhookUrl, webhookToken, attempts, backoffMs);
    }

    public boolean any() {
        return smtp != null || webhookUrl != null;
    }

    @Override
    public String toString() {
        return "ReportChannels[smtp=" + smtp + ", webhook=" + webhookUrl
                + (webhookToken == null ? "" : " (bearer token ****)") + ", maxAttempts=" + maxAttempts
                + ", initialBackoffMs=" + initialBackoffMs + "]";
    }
}
