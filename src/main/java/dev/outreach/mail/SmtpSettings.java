package dev.outreach.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the SMTP relay.
 *
 * @param host           relay host name
 * @param port           usually 587 (submission, RFC 6409) with STARTTLS, or 25
 * @param username       SMTP AUTH user (RFC 4954), or {@code null} for none
 * @param password       SMTP AUTH password, or {@code null} for none
 * @param starttls       when true STARTTLS (RFC 3207) is required and the server's certificate must
 *                       match {@code host}; without it the session fails rather than continuing in clear
 * @param connectTimeout limit for opening the connection
 * @param readTimeout    limit for waiting on each server reply
 * @param writeTimeout   limit for each write, so a stalled relay cannot block the dispatcher
 */
public record SmtpSettings(String host, int port, String username, String password, boolean starttls,
                           Duration connectTimeout, Duration readTimeout, Duration writeTimeout) {

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("smtp host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("smtp port must be 1-65535, was " + port);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("smtp username and password must be given together");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        requirePositive("writeTimeout", writeTimeout);
    }

    public boolean authenticates() {
        return username != null;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", starttls=" + starttls
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", writeTimeout=" + writeTimeout + "]";
    }

    private static void requirePositive(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + timeout);
        }
    }
}
