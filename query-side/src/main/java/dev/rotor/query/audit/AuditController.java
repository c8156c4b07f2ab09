package dev.rotor.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit for admins (the bearer filter requires role {@code admin} on this path): the event
 * store replayed as a filtered list or stream, and one session as it stood at any instant.
 */
@RestController
@Tag(name = "Audit", description = "The event store replayed (role admin)")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    /** Events read per query while streaming: what the stream holds in memory at most. */
    static final int STREAM_PAGE_SIZE = 500;
    /** One operation in the API description: the JSON page and the NDJSON stream share path and method. */
    static final String AUDIT_SUMMARY = "Audit events";
    static final String AUDIT_DESCRIPTION = "Events replayed from the event store, oldest first, filtered by user_id, "
            + "session_id, type (comma-separated), from and to (instants). As JSON: a page; after=<sequence> gives "
            + "the page after that event; limit defaults to 100, at most 1000. With Accept: application/x-ndjson: "
            + "every match, one event a line, without a limit. No secrets in data.";

    private static final Logger logger = LoggerFactory.getLogger(AuditController.class);

    private final AuditLog log;
    private final SessionTimeTravel timeTravel;
    private final Clock clock;
    private final JsonMapper json;

    AuditController(AuditLog log, SessionTimeTravel timeTravel, Clock clock, JsonMapper json) {
        this.log = log;
        this.timeTravel = timeTravel;
        this.clock = clock;
        this.json = json;
    }

    @Operation(summary = AUDIT_SUMMARY, description = AUDIT_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "A page of events (JSON), or every match (NDJSON)")
    @GetMapping("/api/v1/admin/audit")
    ResponseEntity<List<AuditEntry>> audit(
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "session_id", required = false) String sessionId,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit) {
        AuditFilter filter = AuditFilter.parse(userId, sessionId, type, from, to, after, limit);
        List<AuditEntry> entries = log.query(filter).page(filter.after(), filter.limit()).entries();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(entries);
    }

    /**
     * Every match, one JSON object a line, without a limit: read {@value #STREAM_PAGE_SIZE} events
     * at a time after a cursor, each page written and flushed before the next is read.
     */
    @Operation(summary = AUDIT_SUMMARY, description = AUDIT_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "A page of events (JSON), or every match (NDJSON)",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = AuditEntry.class)))
    @GetMapping(value = "/api/v1/admin/audit", produces = NDJSON)
    void stream(
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "session_id", required = false) String sessionId,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit,
            HttpServletResponse response) throws IOException {
        AuditFilter filter = AuditFilter.parse(userId, sessionId, type, from, to, after, limit);
        AuditLog.Query query = log.query(filter);
        AuditLog.Page page = query.page(filter.after(), STREAM_PAGE_SIZE);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        OutputStream out = response.getOutputStream();
        try {
            while (true) {
                for (AuditEntry entry : page.entries()) {
                    out.write(json.writeValueAsBytes(entry));
                    out.write('\n');
                }
                out.flush();
                if (!page.more()) {
                    return;
                }
                page = query.page(page.next(), STREAM_PAGE_SIZE);
            }
        } catch (IOException clientWentAway) {
            logger.debug("Audit stream ended early: {}", clientWentAway.toString());
        }
    }

    @Operation(summary = "A session as it stood at an instant", description = "Rebuilt by replaying its events "
            + "and the rotations before at (default now): valid or not, the verdict and the deciding event.")
    @ApiResponse(responseCode = "200", description = "The session at that instant")
    @ApiResponse(responseCode = "404", description = "not_found: unknown session")
    @GetMapping("/api/v1/admin/audit/sessions/{sessionId}")
    ResponseEntity<SessionAudit> session(@PathVariable String sessionId,
                                         @RequestParam(name = "at", required = false) String at) {
        Instant when = AuditFilter.instant("at", at);
        SessionAudit audit = timeTravel.at(sessionId, when == null ? clock.instant() : when);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(audit);
    }
}
