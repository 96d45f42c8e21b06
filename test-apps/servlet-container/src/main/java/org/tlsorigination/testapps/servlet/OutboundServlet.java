package org.tlsorigination.testapps.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * A web app's handler that calls out over http with the Apache HttpClient 5 of its own WEB-INF/lib, and answers with
 * what it got and which class loaders loaded it and the library.
 */
public class OutboundServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String outcome;
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            outcome = client.execute(new HttpGet(request.getParameter("url")),
                    answer -> answer.getCode() + ", " + EntityUtils.toByteArray(answer.getEntity()).length + " bytes");
        }
        response.setContentType("text/plain");
        response.getWriter().print("HttpClient 5 " + outcome + "; servlet from "
                + getClass().getClassLoader().getClass().getName() + ", HttpClient 5 from "
                + HttpClients.class.getClassLoader().getClass().getName());
    }
}
