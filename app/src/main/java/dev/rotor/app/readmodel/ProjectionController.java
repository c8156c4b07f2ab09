package dev.rotor.app.readmodel;

import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Admin: the read models and their rebuilds. The bearer filter has checked role {@code admin}. */
@RestController
@Tag(name = "Read models", description = "Read models, their lag and their rebuilds (role admin)")
public class ProjectionController {

    private final ReadModelRebuilder rebuilder;

    public ProjectionController(ReadModelRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @Operation(summary = "Read models", description = "Every processing group that keeps a read model or lookup: "
            + "its status, whether it is being rebuilt, its position, the event store's head and the lag.")
    @ApiResponse(responseCode = "200", description = "The read models")
    @GetMapping("/api/v1/admin/projections")
    public List<ReadModelStatus> list(@RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller) {
        return rebuilder.status();
    }

    @Operation(summary = "Rebuild a read model", description = "In the background, while the current generation "
            + "keeps serving; progress in GET /api/v1/admin/projections.")
    @ApiResponse(responseCode = "202", description = "Started")
    @ApiResponse(responseCode = "404", description = "not_found: unknown read model")
    @ApiResponse(responseCode = "409", description = "rebuild_in_progress")
    @PostMapping("/api/v1/admin/projections/{name}/rebuild")
    public ResponseEntity<Map<String, Object>> rebuild(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @PathVariable String name) {
        rebuilder.start(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("name", name, "status", ReadModelState.REBUILDING));
    }
}
