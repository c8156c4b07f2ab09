package dev.rotor.query.web;

import dev.rotor.kernel.keys.FindSigningKeysQuery;
import dev.rotor.kernel.keys.SigningKeySummary;
import dev.rotor.kernel.keys.SigningKeySummaryList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signing keys for admins. The bearer filter has required role {@code admin} on this path. */
@RestController
public class SigningKeyQueryController {

    private final QueryGateway queries;

    public SigningKeyQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/admin/keys")
    public List<SigningKeySummary> keys() {
        return queries.query(new FindSigningKeysQuery(), ResponseTypes.instanceOf(SigningKeySummaryList.class))
                .join().keys();
    }
}
