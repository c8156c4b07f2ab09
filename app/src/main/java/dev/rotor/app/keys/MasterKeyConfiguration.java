package dev.rotor.app.keys;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master key that seals secrets at rest, read from {@code ROTOR_MASTER_KEY_FILE} at start. The
 * file is created only for a database that holds no sealed secret yet (a new one, or one of an
 * earlier release whose clear key material {@link KeyStore} then seals); any other trouble with the
 * key stops the start with a {@link MasterKeyException}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MasterKeyProperties.class)
public class MasterKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyConfiguration.class);

    @Bean
    public MasterKeyCipher masterKeyCipher(MasterKeyProperties properties, KeyMaterialRepository keyMaterial) {
        MasterKeyFile file = new MasterKeyFile(properties.masterKeyFile());
        byte[] key = file.readOrCreate(() -> keyMaterial.findAll().stream()
                .anyMatch(entry -> MasterKeyCipher.isSealed(entry.getMaterial())));
        try {
            MasterKeyCipher cipher = new MasterKeyCipher(key, file.path());
            log.info("Secrets at rest are sealed with the master key in {} (fingerprint {})",
                    file.path(), cipher.fingerprint());
            return cipher;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
