package org.tlsorigination.testapps.servlet;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Embedded Tomcat on 127.0.0.1 with one web app from a directory: it asks the web app's {@link OutboundServlet} to
 * call the URL, prints the servlet's answer, and stops.
 *
 * <p>Arguments: the web app's directory, the URL for the servlet to call.
 */
public final class ServletContainerApp {

    private ServletContainerApp() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context webApp = tomcat.addWebapp("/app", Path.of(args[0]).toAbsolutePath().toString());
        ((StandardJarScanner) webApp.getJarScanner()).setScanClassPath(false);
        tomcat.start();
        try {
            URI call = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app/call?url="
                    + URLEncoder.encode(args[1], StandardCharsets.UTF_8));
            HttpURLConnection connection = (HttpURLConnection) call.toURL().openConnection();
            try (InputStream body = connection.getInputStream()) {
                System.out.println(connection.getResponseCode() + " " + new String(body.readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
