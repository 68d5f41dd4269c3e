package io.slaflow.connect.rt;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web session with RT, so that REST2 calls need not prove the password again. RT checks a password or an auth token
 * with bcrypt on every REST2 request that carries one — about 200 ms of RT's CPU on these machines, most of what a call
 * costs (BENCHMARKS.md, "Ticketing loop") —, while a request carrying the cookie of a web login is checked against
 * RT's session store. So with a password the connector logs in through RT's login form once and sends the session
 * cookie (and, on changes, a {@code Referer} of RT's own address: RT refuses cross-site changes made with a cookie).
 *
 * <p>It falls back to sending the credentials: when the credentials are a token (RT's login form wants a password),
 * when RT gives no session (an SSO-only login), and for a call the session no longer opens (RT forgot it: the next
 * call logs in again).
 */
final class RtSession {
    private static final Logger LOG = LoggerFactory.getLogger(RtSession.class);

    private final URI web;
    private final RtCredentials credentials;
    private final HttpClient http;
    private final Duration timeout;
    private String cookie;
    /** RT answered the login without a session: do not ask again on every call. */
    private boolean refused;
    /** RT refused a change carrying the cookie (its RestrictReferrer: rt.url is not RT's own address): changes carry
     *  the credentials from then on, reads keep the session. */
    private boolean changesRefused;

    /** @param web RT's web address (the login form is {@code NoAuth/Login.html} under it) */
    RtSession(URI web, RtCredentials credentials, HttpClient http, Duration timeout) {
        String w = web.toString();
        this.web = URI.create(w.endsWith("/") ? w : w + "/");
        this.credentials = credentials;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * The session cookie to send with a {@code method} call, logging in first when there is none; empty: send the
     * credentials instead.
     */
    synchronized Optional<String> cookie(String method) {
        if (changesRefused && !method.equals("GET")) return Optional.empty();
        if (cookie == null && !refused && credentials.password() != null) login();
        return Optional.ofNullable(cookie);
    }

    /**
     * RT refused a call carrying {@code stale}: a read means the session is gone (the next call logs in again), a
     * change that RT will not take one on a cookie at all.
     */
    synchronized void refusedWith(String stale, String method) {
        if (!method.equals("GET") && !changesRefused) {
            changesRefused = true;
            LOG.warn(
                    "RT refused a {} made with its session cookie (is rt.url RT's own WebBaseURL? RT's RestrictReferrer "
                            + "checks it): changes carry the credentials from now on",
                    method);
        } else if (stale.equals(cookie)) {
            cookie = null;
        }
    }

    /** What RT checks a cookie-authenticated change against (RestrictReferrer). */
    String referer() {
        return web.toString();
    }

    private boolean loggedIn(String session) throws IOException, InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(web.resolve("REST/2.0/rt"))
                .timeout(timeout)
                .header("Cookie", session)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private void login() {
        String form = "user=" + URLEncoder.encode(credentials.user(), StandardCharsets.UTF_8) + "&pass="
                + URLEncoder.encode(credentials.password(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(web.resolve("NoAuth/Login.html"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", referer())
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        try {
            // RT answers its login form with a page and a session cookie whether the login worked or not: a REST2 call
            // on the cookie tells
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            Optional<String> session = response.headers().allValues("Set-Cookie").stream()
                    .map(c -> c.split(";", 2)[0].strip())
                    .filter(c -> c.startsWith("RT_SID_"))
                    .findFirst();
            if (session.isPresent() && loggedIn(session.get())) {
                cookie = session.get();
                LOG.info("logged in to RT's web session as {}: REST2 calls carry its cookie", credentials.user());
            } else {
                refused = true;
                LOG.warn(
                        "RT's login form did not log {} in (HTTP {}): every REST2 call carries the credentials instead",
                        credentials.user(),
                        response.statusCode());
            }
        } catch (IOException e) {
            // RT does not answer: the call that follows fails and is retried, and asks for a session again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
