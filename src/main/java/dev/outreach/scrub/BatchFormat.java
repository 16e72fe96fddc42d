package dev.outreach.scrub;

import java.util.Locale;
import java.util.Optional;

/** The two input formats of a batch, by media type. */
public enum BatchFormat {
    NDJSON("application/x-ndjson"), CSV("text/csv");

    private final String mediaType;

    BatchFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a Content-Type header value (parameters such as charset ignored); empty when neither. */
    public static Optional<BatchFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (BatchFormat f : values()) {
            if (f.mediaType.equals(type)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format of a file by its name: {@code .ndjson} / {@code .jsonl} are NDJSON, anything else CSV. */
    public static BatchFormat ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".ndjson") || lower.endsWith(".jsonl") ? NDJSON : CSV;
    }
}
