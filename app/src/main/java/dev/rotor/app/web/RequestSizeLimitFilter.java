package dev.rotor.app.web;

import dev.rotor.kernel.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with {@code 413 payload_too_large}: at once when the
 * declared length is too big, and while reading when a chunked body runs over. A form post is read
 * here (the container's own form parsing would bypass the limit) and its parameters served from it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestSizeLimitFilter(@Value("${rotor.http.max-request-body:64KB}") org.springframework.util.unit.DataSize max) {
        this.maxBytes = max.toBytes();
    }

    /** Thrown when a body runs past the limit while it is read. */
    public static final class PayloadTooLargeException extends IOException {
        PayloadTooLargeException() {
            super("request body too large", null);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            Problems.write(response, ErrorCode.PAYLOAD_TOO_LARGE, "request body exceeds " + maxBytes + " bytes");
            return;
        }
        if (isFormPost(request)) {
            // Tomcat parses a form body itself, past any stream wrapper: read it here, within the limit.
            byte[] body;
            try {
                body = new LimitedStream(request.getInputStream(), maxBytes).readAllBytes();
            } catch (PayloadTooLargeException e) {
                Problems.write(response, ErrorCode.PAYLOAD_TOO_LARGE, "request body exceeds " + maxBytes + " bytes");
                return;
            }
            chain.doFilter(new FormRequest(request, body), response);
            return;
        }
        chain.doFilter(new LimitedRequest(request, maxBytes), response);
    }

    private static boolean isFormPost(HttpServletRequest request) {
        String contentType = request.getContentType();
        return "POST".equals(request.getMethod()) && contentType != null
                && contentType.regionMatches(true, 0, FORM, 0, FORM.length())
                && (contentType.length() == FORM.length() || contentType.charAt(FORM.length()) == ';'
                        || contentType.charAt(FORM.length()) == ' ');
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    /**
     * A form post whose body was read within the limit: its parameters are the body's, after those of
     * the query string (which the container still parses, the body being consumed).
     */
    private static final class FormRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private Map<String, String[]> parameters;

        FormRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, List<String>> merged = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) ->
                        merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(Arrays.asList(values)));
                Charset charset = charset(getCharacterEncoding());
                for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    try {
                        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                        merged.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                    } catch (IllegalArgumentException e) {
                        // A malformed escape: the pair is skipped, as the container itself would.
                    }
                }
                Map<String, String[]> map = new LinkedHashMap<>();
                merged.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
                parameters = Collections.unmodifiableMap(map);
            }
            return parameters;
        }

        private static Charset charset(String name) {
            try {
                return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), max);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long max;
        private long read;

        LimitedStream(ServletInputStream delegate, long max) {
            this.delegate = delegate;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > max) {
                throw new PayloadTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
