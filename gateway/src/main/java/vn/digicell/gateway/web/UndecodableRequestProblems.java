package vn.digicell.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * Requests Spring never sees get a problem document too, instead of Netty's or Spring's empty 400
 * and 414: a request line or headers over Netty's limits (414, 431), anything else Netty cannot
 * decode (400), and an address that is not a URI ({@code %zz}, invalid UTF-8 escapes, {@code [} in
 * the query), which Spring's adapter answers with an empty 400 before any filter runs. A handler
 * right after Netty's HTTP codec answers them and closes the connection.
 */
@Component
class UndecodableRequestProblems implements NettyServerCustomizer {

  static final String HANDLER = "digicell.undecodableRequestProblems";

  private final ProblemResponses problems;

  UndecodableRequestProblems(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server.doOnChannelInit(
        (observer, channel, address) -> {
          if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
              && channel.pipeline().get(HANDLER) == null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new Refusals(problems));
          }
        });
  }

  /** One per connection: after a refusal the rest of that request is dropped with it. */
  static final class Refusals extends ChannelInboundHandlerAdapter {

    private final ProblemResponses problems;
    private boolean refused;

    Refusals(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (refused) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpRequest request) {
        Problem problem = refusal(request);
        if (problem != null) {
          refused = true;
          String instance = request.decoderResult().isSuccess() ? path(request.uri()) : null;
          Locale locale = locale(request);
          ReferenceCountUtil.release(msg);
          byte[] body = problems.render(problem, locale, instance);
          FullHttpResponse response =
              new DefaultFullHttpResponse(
                  HttpVersion.HTTP_1_1,
                  HttpResponseStatus.valueOf(problem.status().value()),
                  Unpooled.wrappedBuffer(body));
          response
              .headers()
              .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
              .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
              .set(HttpHeaderNames.CONTENT_LANGUAGE, locale.toLanguageTag())
              .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
              .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
          ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }

    private static Problem refusal(HttpRequest request) {
      DecoderResult decoded = request.decoderResult();
      if (decoded.isFailure()) {
        Throwable cause = decoded.cause();
        if (cause instanceof TooLongHttpLineException) {
          return Problem.URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
          return Problem.HEADERS_TOO_LARGE;
        }
        return Problem.BAD_REQUEST;
      }
      String uri = request.uri();
      try {
        // what Spring's Reactor adapter parses before anything of the gateway runs
        new URI(uri.startsWith("/") ? "http://localhost" + uri : uri);
        return null;
      } catch (URISyntaxException e) {
        return Problem.BAD_REQUEST;
      }
    }

    private static Locale locale(HttpRequest request) {
      HttpHeaders headers = new HttpHeaders();
      String accepted =
          request.decoderResult().isSuccess()
              ? request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE)
              : null;
      if (accepted != null) {
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, accepted);
      }
      return ProblemResponses.locale(headers);
    }

    private static String path(String uri) {
      int query = uri.indexOf('?');
      return query < 0 ? uri : uri.substring(0, query);
    }
  }
}
