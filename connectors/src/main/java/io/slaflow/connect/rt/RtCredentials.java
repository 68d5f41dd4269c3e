package io.slaflow.connect.rt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * How we authenticate to RT's REST2: an auth token (RT::Authen::Token, {@code Authorization: token ...}) or a user
 * name with a password, either read from a file so it never appears in a connector configuration, a command line or a
 * log. {@link #toString()} names the method and the file, never the secret.
 */
public final class RtCredentials {
    private final String header;
    private final String user;
    /** null for a token: RT's login form, which opens a session, wants a password */
    private final String password;

    private final String description;

    private RtCredentials(String header, String user, String password, String description) {
        this.header = header;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    /** @param user the RT user the token belongs to (so our own changes can be told from a person's) */
    public static RtCredentials token(String user, Path tokenFile) {
        return new RtCredentials("token " + read(tokenFile, "rt.token.file"), user, null, "token from " + tokenFile);
    }

    public static RtCredentials basic(String user, Path passwordFile) {
        String password = read(passwordFile, "rt.password.file");
        String pair = user + ":" + password;
        return new RtCredentials(
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                user,
                password,
                "user " + user + ", password from " + passwordFile);
    }

    private static String read(Path file, String option) {
        try {
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException(option + ": " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            // the path is fine to show, the content never is
            throw new IllegalArgumentException(
                    option + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                            + "): it must hold the secret and be readable by the Connect worker",
                    e);
        }
    }

    String authorizationHeader() {
        return header;
    }

    /** The password, for RT's login form ({@link RtSession}); null with a token. */
    String password() {
        return password;
    }

    public String user() {
        return user;
    }

    @Override
    public String toString() {
        return description;
    }
}
