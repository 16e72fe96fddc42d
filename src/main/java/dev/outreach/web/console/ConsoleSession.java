package dev.outreach.web.console;

import dev.outreach.gateway.Actor;

import java.time.Instant;

/**
 * A signed-in console user: who they are, the CSRF token every form of theirs must carry, and how
 * they signed in. {@code id} is the cookie's secret and never leaves the server otherwise;
 * {@code publicId} names the session to an ADMIN listing or ending sessions.
 */
public record ConsoleSession(String id, Actor.KeyHolder actor, String csrfToken, String publicId, Instant signedInAt,
                             String clientIp, String userAgent) {
}
