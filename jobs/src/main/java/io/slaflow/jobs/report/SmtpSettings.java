package io.slaflow.jobs.report;

import java.io.Serializable;

/**
 * How to reach the SMTP relay. The password is never logged: {@link #toString()} masks it.
 *
 * @param security NONE, STARTTLS (required) or TLS (implicit, e.g. port 465)
 */
public record SmtpSettings(
        String host, int port, Security security, String user, String password, String from, int timeoutMs)
        implements Serializable {

    public enum Security {
        NONE,
        STARTTLS,
        TLS
    }

    public static SmtpSettings plain(String host, int port, String from) {
        return new SmtpSettings(host, port, Security.NONE, null, null, from, 10_000);
    }

    public SmtpSettings withLogin(String user, String password) {
        return new SmtpSettings(host, port, security, user, password, from, timeoutMs);
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user
                + ", password=" + (password == null ? "none" : "****") + ", from=" + from + "]";
    }
}
