import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * The Neo4j test instance: an embedded Neo4j 5.26 Community DBMS with its Bolt connector.
 *
 * <p>Listens on 127.0.0.1 on a port the system picks (port 0) or the one given as argument, without authentication or TLS,
 * with a 256 MB page cache, at most 512 MB of heap per transaction, and its data in a fresh temporary folder. Prints one line
 * {@code NEO4J_READY bolt://127.0.0.1:PORT} on standard output once the default database answers,
 * then stays up until its standard input closes (it then deletes its data and halts at once) or it
 * receives SIGTERM (it then shuts the DBMS down cleanly and deletes its data). Only for tests: never expose it beyond the loopback interface.
 */
public final class TestNeo4j {
    private static final String READY = "NEO4J_READY";

    private TestNeo4j() {}

    public static void main(String[] args) throws Exception {
        // An optional port: a test that kills the instance restarts it where its service expects it.
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Path home = Files.createTempDirectory("partnership-graph-neo4j-");
        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                // One transaction may use 512 MB of the 1 GB heap (db.memory.transaction.max), as a
                // server should be set up: an import too large fails alone with a clear error
                // instead of exhausting the memory every transaction shares.
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(512))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .build();

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    dbms.shutdown();
                } finally {
                    deleteQuietly(home);
                }
            }
        };
        // SIGTERM and System.exit both run shutdown hooks.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-test-shutdown"));

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        HostnamePort bolt = db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println(READY + " bolt://127.0.0.1:" + bolt.getPort() + " " + millis + "ms");
        System.out.flush();

        // The parent keeps our standard input open for as long as it wants us up.
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Ignore anything written; only the end of the stream matters.
        }
        // The data is thrown away, so no checkpoint is worth waiting for: a clean shutdown takes
        // seconds, deleting the files and halting takes milliseconds. SIGTERM still shuts down cleanly.
        if (stopped.compareAndSet(false, true)) {
            deleteQuietly(home);
            System.out.println("NEO4J_STOPPED");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // A leftover temporary folder is harmless; the system cleans its temp space.
        }
    }
}
