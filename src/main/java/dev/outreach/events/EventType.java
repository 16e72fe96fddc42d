package dev.outreach.events;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of event a URL can subscribe to; on the wire in lower case ({@code "decision"}). */
public enum EventType {
    DECISION, DELIVERY, BOUNCE, COMPLAINT, UNSUBSCRIBE, CONSENT, ERASURE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EventType::wireName).toList();
    }
}
