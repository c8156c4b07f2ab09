package dev.rotor.app.readmodel;

import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
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
public class ProjectionController {

    private final ReadModelRebuilder rebuilder;

    public ProjectionController(ReadModelRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @GetMapping("/api/v1/admin/projections")
    public List<ReadModelStatus> list(@RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller) {
        return rebuilder.status();
    }

    @PostMapping("/api/v1/admin/projections/{name}/rebuild")
    public ResponseEntity<Map<String, Object>> rebuild(
            @RequestAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE) AuthenticatedCaller caller,
            @PathVariable String name) {
        rebuilder.start(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("name", name, "status", ReadModelState.REBUILDING));
    }
}
