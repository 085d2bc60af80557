package io.sloscout.backend;

import static io.sloscout.backend.testing.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sloscout.backend.search.TemplateSync;
import io.sloscout.backend.testing.BackendTestResources;
import io.sloscout.backend.testing.ShopData;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI's main pages in Debian's headless Chromium: overview, journey (call graph and charts),
 * recommendations (accept), SLO (budget), artifacts (preview) and search. Screenshots go to {@code
 * target/screenshots}.
 */
@QuarkusTest
@WithTestResource(BackendTestResources.class)
class UiBrowserIT {

  @TestHTTPResource("/")
  URL root;

  @Inject AgroalDataSource dataSource;
  @Inject TemplateSync templates;

  private ChromeDriver browser;
  private WebDriverWait wait;
  private Path shots;

  @BeforeEach
  void start() throws IOException {
    ShopData.ensure(dataSource);
    templates.sync();
    authed().post("/api/v1/recommendations:recompute").then().statusCode(200);
    shots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    Files.createDirectories(shots);
    Path profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(executable("SLO_SCOUT_CHROMIUM", "/usr/bin/chromium"));
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1360,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                new File(executable("SLO_SCOUT_CHROMEDRIVER", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theMainPagesShowTheShop() throws IOException {
    browser.get(root.toString());
    // reads need a token here: the page says so, and takes one
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "API token"));
    browser.findElement(By.id("token")).sendKeys(BackendTestResources.TOKEN);
    browser.findElement(By.cssSelector("#token-form button")).click();

    WebElement journeys =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("journeys")));
    assertThat(journeys.getText())
        .contains("frontend POST /checkout")
        .contains("frontend GET /cart");
    assertThat(browser.findElement(By.id("services")).getText()).contains("payment");
    shot("overview");

    browser.findElement(By.linkText("frontend POST /checkout")).click();
    wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#graph g.node"), 2));
    List<String> nodes =
        browser.findElements(By.cssSelector("#graph g.node")).stream()
            .map(e -> e.getAttribute("data-service"))
            .toList();
    assertThat(nodes).containsExactlyInAnyOrder("frontend", "checkout", "payment");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-latency svg path")));
    assertThat(browser.findElement(By.id("chart-requests")).getText())
        .contains("Requests per minute");
    assertThat(browser.findElements(By.cssSelector("#chart-latency svg path"))).hasSize(3);
    shot("journey");

    browser.get(root + "#/recommendations");
    WebElement accept =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("button.accept[data-id='" + ShopData.CART + ":latency']")));
    assertThat(browser.findElement(By.id("main")).getText())
        .contains("Threshold")
        .contains("confidence");
    shot("recommendations");
    accept.click();
    wait.until(ExpectedConditions.urlContains("#/slos/frontend-get-cart-latency"));
    WebElement budget = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("budget")));
    assertThat(budget.getText()).endsWith("%");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-burn svg path")));
    shot("slo");

    browser.get(root + "#/slos");
    WebElement slos = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("slos")));
    assertThat(slos.getText()).contains("frontend-get-cart-latency").contains("left");
    shot("slos");

    browser.get(root + "#/artifacts");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("generate-all"))).click();
    WebElement file =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.linkText("prometheus/frontend.rules.yaml")));
    file.click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("preview"), "slo:sli_error:ratio_rate5m"));
    shot("artifacts");

    browser.get(root + "#/search?q=" + "card%20payment%20rejected");
    WebElement hits =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-hits")));
    assertThat(hits.findElements(By.cssSelector("tbody tr")).get(0).getText())
        .contains("payment declined by provider");
    shot("search");
  }

  private void shot(String name) throws IOException {
    Files.write(shots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static String executable(String env, String fallback) {
    String v = System.getenv(env);
    return v == null || v.isBlank() ? fallback : v;
  }
}
