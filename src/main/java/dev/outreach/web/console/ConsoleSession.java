package dev.outreach.web.console;

import dev.outreach.gateway.Actor;

/** A signed-in console user: who they are and the CSRF token every form of theirs must carry. */
public record ConsoleSession(String id, Actor actor, String csrfToken) {
}
