package dev.rotor.app.readmodel;

import dev.rotor.app.config.DatabaseConfiguration;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read models of both sides: every processing group is subscribing (rows change in the appending
 * transaction), every one is rebuildable, and all of them are built before the server serves.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadModelProperties.class)
public class ReadModelConfiguration {

    @Bean
    AppendFence appendFence(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                            @Value("${spring.datasource.url}") String url) {
        return new AppendFence(DatabaseConfiguration.isPostgres(url), jdbc, new TransactionTemplate(transactionManager));
    }

    @Bean
    ConfigurerModule subscribingReadModels(AppendFence fence) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingSubscribingEventProcessors()
                .registerDefaultHandlerInterceptor((axon, processorName) -> fence));
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService readModelRebuildExecutor() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "rotor-read-model-rebuild");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public ReadModelRebuilder readModelRebuilder(List<RebuildableReadModel> models, JdbcTemplate jdbc,
                                                 EventStorageEngine eventStorageEngine, AppendFence fence,
                                                 PlatformTransactionManager transactionManager,
                                                 ExecutorService readModelRebuildExecutor,
                                                 ReadModelProperties properties) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new ReadModelRebuilder(models, new ReadModelStates(jdbc), eventStorageEngine, fence, jdbc,
                new TransactionTemplate(transactionManager), readModelRebuildExecutor, Clock.systemUTC(), properties,
                owner);
    }

    @Bean
    ReadModelMonitor readModelMonitor(ReadModelRebuilder rebuilder, MeterRegistry meterRegistry) {
        ReadModelMonitor monitor = new ReadModelMonitor(rebuilder, Clock.systemUTC());
        monitor.register(meterRegistry);
        return monitor;
    }

    /** Health contributor {@code eventProcessors}, in the readiness group (application.yml). */
    @Bean
    HealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration eventProcessingConfiguration,
                                                   ReadModelMonitor readModelMonitor) {
        return new EventProcessorsHealthIndicator(eventProcessingConfiguration, readModelMonitor);
    }

    /**
     * Before anything is served (and before the admin bootstrap appends events): states, first
     * builds. Flyway has migrated the schema by then (it runs while the singletons are created).
     */
    @Bean
    SmartInitializingSingleton prepareReadModels(ReadModelRebuilder rebuilder) {
        return rebuilder::prepare;
    }
}
