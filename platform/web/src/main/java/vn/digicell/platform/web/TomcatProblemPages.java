package vn.digicell.platform.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} where Tomcat keeps its error report valve (the host), in
 * place of the HTML one Spring Boot configures; it runs after Boot's customizer, so it is the one
 * left.
 */
class TomcatProblemPages
    implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

  private final ProblemErrorReportValve valve;

  TomcatProblemPages(ProblemErrorReportValve valve) {
    this.valve = valve;
  }

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          Container parent = context.getParent();
          for (Valve valve : parent.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
              parent.getPipeline().removeValve(valve);
            }
          }
          if (parent instanceof StandardHost host) {
            // otherwise the host adds its own HTML valve when it starts
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          }
          parent.getPipeline().addValve(valve);
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
