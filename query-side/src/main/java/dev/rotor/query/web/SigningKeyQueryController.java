package dev.rotor.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.rotor.kernel.keys.FindSigningKeysQuery;
import dev.rotor.kernel.keys.SigningKeySummary;
import dev.rotor.kernel.keys.SigningKeySummaryList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signing keys for admins. The bearer filter has required role {@code admin} on this path. */
@Tag(name = "Admin: signing keys", description = "The life of the keys that sign access tokens")
@RestController
public class SigningKeyQueryController {

    private final QueryGateway queries;

    public SigningKeyQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "List the signing keys",
            description = "Every key with its status: active (signs new tokens), retiring (in the JWKS, signs "
                    + "nothing new) or retired, and when it was created and retires.")
    @ApiResponse(responseCode = "200", description = "[{kid, status, created_at, retires_at}]")
    @GetMapping("/api/v1/admin/keys")
    public List<SigningKeySummary> keys() {
        return queries.query(new FindSigningKeysQuery(), ResponseTypes.instanceOf(SigningKeySummaryList.class))
                .join().keys();
    }
}
