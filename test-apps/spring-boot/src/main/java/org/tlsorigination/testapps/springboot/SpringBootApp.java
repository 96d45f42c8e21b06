package org.tlsorigination.testapps.springboot;

import io.netty.resolver.DefaultAddressResolverGroup;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * A Spring Boot app started from its executable jar: it fetches the URL with RestClient over Apache HttpClient 5
 * (path {@code /rest}) and with WebClient over Reactor Netty (path {@code /web}), printing each status, body length,
 * and the class loader that loaded each client library.
 */
@SpringBootConfiguration
public class SpringBootApp {

    public static void main(String[] args) {
        new SpringApplicationBuilder(SpringBootApp.class).web(WebApplicationType.NONE).run(args).close();
        String base = args[0];
        RestClient rest = RestClient.builder()
                .requestFactory(new HttpComponentsClientHttpRequestFactory(HttpClients.createDefault())).build();
        String restBody = rest.get().uri(base + "/rest").retrieve().body(String.class);
        System.out.println("RestClient 200, " + restBody.length() + " bytes, Apache HttpClient 5 from "
                + loaderOf(HttpClients.class));
        // The JVM's resolver rather than Netty's DNS client, as many apps choose, so the JVM's hosts file applies.
        WebClient web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(
                HttpClient.create().resolver(DefaultAddressResolverGroup.INSTANCE))).build();
        String webBody = web.get().uri(base + "/web").retrieve().bodyToMono(String.class).block();
        System.out.println("WebClient 200, " + webBody.length() + " bytes, Reactor Netty from "
                + loaderOf(HttpClient.class));
    }

    private static String loaderOf(Class<?> type) {
        return type.getClassLoader().getClass().getName();
    }
}
