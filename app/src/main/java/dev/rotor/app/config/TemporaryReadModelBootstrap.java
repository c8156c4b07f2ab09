package dev.rotor.app.config;

import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * TEMPORARY, to be deleted when the server's read-model generation machinery is merged: creates
 * the generation state table and every {@link RebuildableReadModel}'s tables, and makes generation
 * 0 active for a read model that has none yet. Runs while the context starts, before any event is
 * handled. It builds nothing from history: a read model added to an existing event store starts
 * empty until the real machinery rebuilds it.
 */
@Component
class TemporaryReadModelBootstrap implements InitializingBean {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<RebuildableReadModel> readModels;

    TemporaryReadModelBootstrap(JdbcTemplate jdbc, ObjectProvider<RebuildableReadModel> readModels) {
        this.jdbc = jdbc;
        this.readModels = readModels;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("create table if not exists " + Generation.STATE_TABLE
                + " (name varchar(64) primary key, active_generation bigint not null)");
        for (RebuildableReadModel readModel : readModels.orderedStream().toList()) {
            readModel.schema().forEach(jdbc::execute);
            Integer known = jdbc.queryForObject("select count(*) from " + Generation.STATE_TABLE + " where name = ?",
                    Integer.class, readModel.name());
            if (known == null || known == 0) {
                try {
                    jdbc.update("insert into " + Generation.STATE_TABLE + " (name, active_generation) values (?, 0)",
                            readModel.name());
                } catch (DuplicateKeyException anotherNodeWasFaster) {
                    // the row exists: that is all this wanted
                }
            }
        }
    }
}
