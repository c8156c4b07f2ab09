package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves that racing refreshes of one token all succeed with the same successor and never fork the token family. */
class ConcurrentRefreshE2ETest {

    private static final int THREADS = 8;

    private static RotorServer server;
    private static RotorClient client;

    @BeforeAll
    static void useSharedServer() {
        server = SharedRotorServer.get();
        client = server.client();
    }

    @Test
    void eightSimultaneousRefreshesOfOneTokenAllGetTheSameSuccessor() throws Exception {
        String email = uniqueEmail();
        newUser(client, email);
        JsonNode login = login(client, email, PASSWORD);
        String sessionId = login.get("session_id").asText();
        String token = login.get("refresh_token").asText();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<RotorClient.Response> responses = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RotorClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                RotorClient own = server.client();
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return own.refresh(token);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<RotorClient.Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).hasSize(THREADS);
        for (RotorClient.Response response : responses) {
            assertThat(response.status()).as("racing refresh answered %s", response.body()).isEqualTo(200);
            assertThat(response.text("session_id")).isEqualTo(sessionId);
        }
        List<String> successors = responses.stream().map(r -> r.text("refresh_token")).distinct().toList();
        assertThat(successors).as("all racers got one and the same successor").hasSize(1);
        String successor = successors.get(0);
        assertThat(successor).isNotEqualTo(token).hasSize(43);

        // the family is intact: the successor refreshes, and access tokens from the race work
        RotorClient.Response next = client.refresh(successor);
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.text("session_id")).isEqualTo(sessionId);
        for (RotorClient.Response response : responses) {
            RotorClient.Response me = client.me(response.text("access_token"));
            assertThat(me.status()).as(me.body()).isEqualTo(200);
            assertThat(me.text("session_id")).isEqualTo(sessionId);
        }
        assertThat(client.me(next.text("access_token")).status()).isEqualTo(200);
    }
}
