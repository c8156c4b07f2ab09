package dev.rotor.query;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A Spring Data repository interface backed by a map, so projections can be tested as plain
 * JUnit: the CRUD methods projections use, plus named finders given as functions.
 */
public final class InMemoryRepository {

    private InMemoryRepository() {
    }

    @SuppressWarnings("unchecked")
    public static <R, T> R of(Class<R> repositoryType, Function<T, String> idOf,
                              Map<String, BiFunction<Collection<T>, Object[], Object>> finders) {
        Map<String, T> rows = new LinkedHashMap<>();
        return (R) Proxy.newProxyInstance(repositoryType.getClassLoader(), new Class<?>[] {repositoryType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "save", "saveAndFlush" -> {
                        T entity = (T) args[0];
                        rows.put(idOf.apply(entity), entity);
                        yield entity;
                    }
                    case "findById" -> Optional.ofNullable(rows.get((String) args[0]));
                    case "existsById" -> rows.containsKey((String) args[0]);
                    case "findAll" -> new ArrayList<>(rows.values());
                    case "count" -> (long) rows.size();
                    case "deleteAll", "deleteAllInBatch" -> {
                        rows.clear();
                        yield null;
                    }
                    case "toString" -> "InMemory" + repositoryType.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> {
                        BiFunction<Collection<T>, Object[], Object> finder = finders.get(method.getName());
                        if (finder == null) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        yield finder.apply(List.copyOf(rows.values()), args);
                    }
                });
    }
}
