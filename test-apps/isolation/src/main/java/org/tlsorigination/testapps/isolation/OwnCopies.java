package org.tlsorigination.testapps.isolation;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.Version;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.tlsorigination.testapps.netty.NettyGet;
import org.yaml.snakeyaml.Yaml;

/**
 * An app that carries its own SnakeYAML, Byte Buddy and Netty: it uses each, prints the jar each was loaded from (and
 * Netty's version), then fetches its URL with raw Netty.
 */
public final class OwnCopies {

    private OwnCopies() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> parsed = new Yaml().load("library: snakeyaml");
        System.out.println("SnakeYAML from " + source(Yaml.class) + " parsed " + parsed);
        Class<?> generated = new ByteBuddy().subclass(Object.class).make()
                .load(OwnCopies.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        System.out.println("Byte Buddy from " + source(ByteBuddy.class) + " made " + generated.getSuperclass().getName());
        System.out.println("Netty " + Version.identify().get("netty-transport").artifactVersion() + " from "
                + source(Bootstrap.class));
        NettyGet.main(args);
    }

    private static String source(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }
}
