package dev.outreach.mail;

/** Emails the tests compose; only what a test varies is a parameter. */
final class SampleEmails {

    static final String UNSUBSCRIBE_URL = "https://gateway.example.com/u/AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA";

    private SampleEmails() {
    }

    static OutgoingEmail commercial(String to) {
        return new OutgoingEmail("Dana Seller", "dana@sales.example.com", to, "Your presentation summary",
                "Hello,\nhere is the summary.\n", "<p>Hello,<br>here is the summary.</p>", true,
                UNSUBSCRIBE_URL, "unsubscribe@sales.example.com", "sales.example.com");
    }

    static OutgoingEmail transactional(String to) {
        return new OutgoingEmail("Dana Seller", "dana@sales.example.com", to, "Your meeting is confirmed",
                "See you on Tuesday.\n", "<p>See you on Tuesday.</p>", false, null, null, "sales.example.com");
    }
}
