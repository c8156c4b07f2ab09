package dev.rotor.app.e2e;

import static dev.rotor.app.e2e.E2eSupport.PASSWORD;
import static dev.rotor.app.e2e.E2eSupport.login;
import static dev.rotor.app.e2e.E2eSupport.newUser;
import static dev.rotor.app.e2e.E2eSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.command.session.SigningKeySource;
import dev.rotor.resourceserver.AcceptRotorAccessTokens;
import dev.rotor.resourceserver.HelloResourceServer;
import dev.rotor.resourceserver.IntrospectWithRotor;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot 4 / Spring Security 7 resource server in front of a running Rotor, configured
 * the way README tells users: {@code issuer-uri} (it reads Rotor's discovery and JWKS) plus the
 * {@code at+jwt} type validator; and, as a second server, opaque-token introspection.
 */
class ResourceServerE2ETest {

    private static RotorServer rotor;
    private static RotorClient client;
    private static String issuer;
    private static ConfigurableApplicationContext jwtServer;
    private static ConfigurableApplicationContext plainJwtServer;
    private static ConfigurableApplicationContext introspectingServer;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // The issuer must be Rotor's real address: the resource server fetches issuer + discovery path.
        issuer = "http://localhost:" + port;
        rotor = RotorServer.start(Map.of("server.port", port, "rotor.token.issuer", issuer));
        client = rotor.client();

        jwtServer = resourceServer(List.of(AcceptRotorAccessTokens.class),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                "--spring.security.oauth2.resourceserver.jwt.audiences=rotor");
        plainJwtServer = resourceServer(List.of(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer);

        String introspector = uniqueEmail();
        client.createUser(client.adminToken(), introspector, PASSWORD, List.of("introspector"));
        introspectingServer = resourceServer(List.of(IntrospectWithRotor.class),
                "--rotor.introspection-uri=" + issuer + "/api/v1/oauth/introspect",
                "--rotor.introspector-token=" + login(client, introspector, PASSWORD).get("access_token").asText());
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {introspectingServer,
                plainJwtServer, jwtServer}) {
            if (context != null) {
                context.close();
            }
        }
        if (rotor != null) {
            rotor.close();
        }
    }

    private static ConfigurableApplicationContext resourceServer(List<Class<?>> configuration, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--server.port=0";
        // Not Rotor's application.yml, which is on this class path too.
        all[1] = "--spring.config.name=hello-resource-server";
        all[2] = "--logging.level.root=warn";
        all[3] = "--spring.main.banner-mode=off";
        System.arraycopy(args, 0, all, 4, args.length);
        return new SpringApplicationBuilder(HelloResourceServer.class)
                .sources(configuration.toArray(Class<?>[]::new))
                .run(all);
    }

    private static RotorClient.Response hello(ConfigurableApplicationContext server, String bearer) {
        String port = server.getEnvironment().getRequiredProperty("local.server.port");
        return new RotorClient("http://localhost:" + port).get("/hello", bearer);
    }

    @Test
    void discoveryAnswersTheIssuerItWasGiven() {
        JsonNode metadata = client.get("/.well-known/openid-configuration", null).json();
        assertThat(metadata.get("issuer").asText()).isEqualTo(issuer);
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/jwks.json");
    }

    @Test
    void rotorAccessTokensAreAccepted() {
        String email = uniqueEmail();
        String userId = newUser(client, email);
        String access = login(client, email, PASSWORD).get("access_token").asText();

        RotorClient.Response hello = hello(jwtServer, access);
        assertThat(hello.status()).as(hello.body()).isEqualTo(200);
        assertThat(hello.json().get("hello").asText()).isEqualTo(userId);
        assertThat(hello(jwtServer, null).status()).as("no token").isEqualTo(401);
    }

    @Test
    void withoutTheTypeValidatorSpringSecurityRefusesAtJwt() {
        String email = uniqueEmail();
        newUser(client, email);
        String access = login(client, email, PASSWORD).get("access_token").asText();

        RotorClient.Response hello = hello(plainJwtServer, access);
        assertThat(hello.status()).as("Spring Security 7 accepts only typ JWT by default").isEqualTo(401);
        assertThat(hello.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void aForeignTokenIsRefused() throws Exception {
        String email = uniqueEmail();
        newUser(client, email);
        String access = login(client, email, PASSWORD).get("access_token").asText();
        JWTClaimsSet claims = SignedJWT.parse(access).getJWTClaimsSet();
        String rotorKid = SignedJWT.parse(access).getHeader().getKeyID();

        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID(rotorKid).generate();
        assertThat(hello(jwtServer, sign(foreign, new JOSEObjectType("at+jwt"), claims)).status())
                .as("same claims and kid, another key").isEqualTo(401);
        ECKey unknown = new ECKeyGenerator(Curve.P_256).keyID("foreign").generate();
        assertThat(hello(jwtServer, sign(unknown, new JOSEObjectType("at+jwt"), claims)).status())
                .as("a key Rotor never published").isEqualTo(401);
    }

    @Test
    void onlyAtJwtIsAcceptedEvenWhenRotorsOwnKeySignedIt() throws Exception {
        String email = uniqueEmail();
        newUser(client, email);
        String access = login(client, email, PASSWORD).get("access_token").asText();
        JWTClaimsSet claims = SignedJWT.parse(access).getJWTClaimsSet();
        ECKey rotorKey = rotor.context().getBean(SigningKeySource.class).currentSigningKey();

        assertThat(hello(jwtServer, sign(rotorKey, new JOSEObjectType("at+jwt"), claims)).status())
                .as("control: the same claims re-signed as at+jwt").isEqualTo(200);
        assertThat(hello(jwtServer, sign(rotorKey, JOSEObjectType.JWT, claims)).status())
                .as("typ JWT").isEqualTo(401);
        assertThat(hello(jwtServer, sign(rotorKey, null, claims)).status()).as("no typ").isEqualTo(401);
        assertThat(hello(jwtServer, sign(rotorKey, new JOSEObjectType("id_token+jwt"), claims)).status())
                .as("another type").isEqualTo(401);
    }

    @Test
    void introspectionRefusesATokenRightAfterLogout() {
        String email = uniqueEmail();
        String userId = newUser(client, email);
        JsonNode tokens = login(client, email, PASSWORD);
        String access = tokens.get("access_token").asText();

        RotorClient.Response before = hello(introspectingServer, access);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.json().get("hello").asText()).isEqualTo(userId);
        assertThat(hello(introspectingServer, tokens.get("refresh_token").asText()).status())
                .as("a refresh token is active at introspection but is no bearer token").isEqualTo(401);

        assertThat(client.logout(access).status()).isEqualTo(204);
        assertThat(hello(introspectingServer, access).status()).as("right after logout").isEqualTo(401);
        assertThat(hello(jwtServer, access).status())
                .as("a JWT-only resource server cannot know; it accepts the token until it expires").isEqualTo(200);
    }

    private static String sign(ECKey key, JOSEObjectType type, JWTClaimsSet claims) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID());
        if (type != null) {
            header.type(type);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
