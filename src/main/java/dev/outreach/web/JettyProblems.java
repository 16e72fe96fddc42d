package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
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

    /**
     * Every error Jetty itself answers comes here (a bad message from the parser, a URI the servlet
     * context refuses); written directly, for any method, whatever the Accept header says.
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int code = response.getStatus();
        String message = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            code = http.getCode();
            message = message == null ? http.getReason() : message;
        }
        int status = clientError(code);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
        return true;
    }

    /**
     * Input never earns a 5xx: an unknown HTTP version (Jetty's 505) or method (501) is the client's
     * malformed request, answered 400; anything else outside 4xx-5xx becomes 400 too.
     */
    private static int clientError(int code) {
        if (code == 505 || code == 501) {
            return 400;
        }
        return code >= 400 && code <= 599 ? code : 400;
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
