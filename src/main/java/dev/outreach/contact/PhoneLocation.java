package dev.outreach.contact;

import java.time.ZoneId;
import java.util.Set;

/**
 * Where a call or text recipient may be.
 *
 * @param zones every time zone the recipient may be in; empty when none is known
 * @param states every state or province whose law may apply (two-letter codes)
 * @param detail where each zone and state came from, e.g. "number +1305…: America/New_York; area code
 *               305: FL; lead region GA: America/New_York" (the number is cut after its area code)
 */
public record PhoneLocation(Set<ZoneId> zones, Set<String> states, String detail) {

    public PhoneLocation {
        zones = Set.copyOf(zones);
        states = Set.copyOf(states);
    }
}
