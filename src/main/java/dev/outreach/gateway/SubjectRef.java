package dev.outreach.gateway;

/** Who a data-subject request is about: exactly one of a normalised address, an E.164 number or a lead id. */
public record SubjectRef(String email, String phone, String leadId) {
    public SubjectRef {
        int given = (email == null ? 0 : 1) + (phone == null ? 0 : 1) + (leadId == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("exactly one of email, phone and leadId is required");
        }
    }

    public static SubjectRef email(String normalisedAddress) {
        return new SubjectRef(normalisedAddress, null, null);
    }

    public static SubjectRef phone(String e164) {
        return new SubjectRef(null, e164, null);
    }

    public static SubjectRef lead(String id) {
        return new SubjectRef(null, null, id);
    }

    String kind() {
        return email != null ? "email" : phone != null ? "phone" : "leadId";
    }
}
