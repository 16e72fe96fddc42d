package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Errors Jetty answers before (or instead of) Javalin, as RFC 9457 problem+json like every other
 * error: 431 (headers too large), 414 (URI too long), 400 (bad %-encoding, {@code %00}, control
 * characters in headers, ambiguous {@code ..;} segments) and anything the servlet layer refuses.
 * Installed both on the server (bad messages from the HTTP parser) and on the servlet context.
 * Jetty's reason strings describe the syntax, never echo the request, so they are safe to show.
 */
final class JettyProblems extends ErrorHandler {

    private final ObjectMapper json;

    JettyProblems(ObjectMapper json) {
        this.json = json;
        setShowStacks(false);
        setShowCauses(false);
    }

    /** A request the HTTP parser refused; answered before any handler runs. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        int status = code >= 400 && code <= 599 ? code : 400;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
        return true;
    }

    private byte[] body(int status, String reason) {
        String title = HttpStatus.getMessage(status);
        ProblemException problem = new ProblemException(status, title, detail(status, reason), fields(status));
        try {
            return json.writeValueAsBytes(Problem.of(problem));
        } catch (JsonProcessingException e) {
            return ("{\"type\":\"about:blank\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String detail(int status, String reason) {
        String what = switch (status) {
            case 431 -> "the request headers are too large";
            case 414 -> "the request URI is too long";
            case 413 -> "the request body is too large";
            case 400 -> "the request is malformed (bad %-encoding, a NUL or control character, an ambiguous "
                    + "path segment such as '..;', or a bad header)";
            default -> "the request was refused";
        };
        return reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status)) ? what
                : what + ": " + reason;
    }

    private static List<FieldError> fields(int status) {
        return switch (status) {
            case 431 -> List.of(new FieldError("headers", "too large"));
            case 414 -> List.of(new FieldError("uri", "too long"));
            case 413 -> List.of(new FieldError("body", "too large"));
            default -> List.of();
        };
    }
}
