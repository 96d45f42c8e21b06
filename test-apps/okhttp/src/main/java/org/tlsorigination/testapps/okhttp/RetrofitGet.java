package org.tlsorigination.testapps.okhttp;

import java.io.IOException;
import java.net.URI;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.Url;

/**
 * A legacy client on Retrofit with its default OkHttpClient: one GET, one line printed.
 * Usage: {@code RetrofitGet URL}
 */
public final class RetrofitGet {

    interface Pages {
        @GET
        Call<ResponseBody> get(@Url String url);
    }

    private RetrofitGet() {
    }

    public static void main(String[] args) {
        Pages pages = new Retrofit.Builder().baseUrl(URI.create(args[0]).resolve("/").toString()).build()
                .create(Pages.class);
        try {
            Response<ResponseBody> response = pages.get(args[0]).execute();
            try (ResponseBody body = response.body()) {
                System.out.println(response.code() + " " + response.message() + ", " + body.bytes().length + " bytes");
            }
        } catch (IOException e) {
            System.err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
