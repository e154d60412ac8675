package org.caspianhub.producers.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analyst console as a person uses it: typing into labelled fields, pressing Enter or a
 * button, and waiting for what appears. Every wait names the browser, so a failure says where.
 */
final class ConsolePage {

    /** Broker writes and the status table can take a few seconds on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Browsers.Browser browser;
    private final WebDriver driver;
    private final String url;

    ConsolePage(Browsers.Browser browser, String gatewayUrl) {
        this.browser = browser;
        this.driver = browser.driver();
        this.url = gatewayUrl + "/";
    }

    /** Opens the console in a clean state: no key in the tab, nothing on the page. */
    ConsolePage open() {
        driver.get(url);
        script("sessionStorage.clear(); localStorage.clear();");
        driver.get(url);
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")), "the sign-in form");
        return this;
    }

    ConsolePage reload() {
        driver.navigate().refresh();
        return this;
    }

    /** Signs in with the keyboard (typing the key, then Enter) and waits for the workspace. */
    ConsolePage signIn(String key) {
        typeKey(key);
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("submit-value")), "the workspace after signing in");
        return this;
    }

    /** Tries a key that should be refused; answers the message shown. */
    String signInRefused(String key) {
        typeKey(key);
        return textOf(By.cssSelector("#sign-in-message .problem"));
    }

    private void typeKey(String key) {
        WebElement field = driver.findElement(By.id("api-key"));
        field.clear();
        field.sendKeys(key);
        field.sendKeys(Keys.ENTER);
    }

    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")), "the sign-in form after signing out");
    }

    boolean signedIn() {
        return driver.findElement(By.id("workspace")).isDisplayed();
    }

    // ---- one indicator

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    void choose(String selectId, String visibleText) {
        new Select(driver.findElement(By.id(selectId))).selectByVisibleText(visibleText);
    }

    void chooseTlp(String label) {
        driver.findElement(By.xpath("//fieldset[@id='submit-tlp']//label[normalize-space()='" + label + "']/input")).click();
    }

    /** Presses Enter in the value field: the form is usable from the keyboard alone. */
    void submitIndicatorWithEnter() {
        driver.findElement(By.id("submit-value")).sendKeys(Keys.ENTER);
    }

    /** The submission id of an accepted indicator, once the answer is shown. */
    String acceptedSubmissionId() {
        return textOf(By.cssSelector("#submit-result .accepted .submission-id"));
    }

    String submitProblem() {
        return textOf(By.cssSelector("#submit-result .problem"));
    }

    /** The error shown for a field of a form, once it appears. */
    String fieldError(String errorId) {
        return textOf(By.id(errorId));
    }

    // ---- a batch

    void pasteBatch(String lines) {
        WebElement area = driver.findElement(By.id("batch-values"));
        area.clear();
        area.sendKeys(lines);
    }

    void submitBatch() {
        driver.findElement(By.id("batch-button")).click();
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#batch-result table.results, #batch-result .problem")),
                "the batch answer");
    }

    String batchSummary() {
        return textOf(By.cssSelector("#batch-result p"));
    }

    /** The row of the results table for a line of the pasted text, as its cells' texts. */
    List<String> batchRow(int line) {
        return driver.findElements(By.cssSelector("#batch-result tr[data-line='" + line + "'] td")).stream()
                .map(WebElement::getText).toList();
    }

    List<WebElement> batchRows() {
        return driver.findElements(By.cssSelector("#batch-result tbody tr"));
    }

    // ---- a file

    void upload(Path file) {
        driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload-button")).click();
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#upload-result .counts, #upload-result .problem")),
                "the import answer");
    }

    String uploadCount(String name) {
        return textOf(By.cssSelector("#upload-result dd[data-count='" + name + "']"));
    }

    String uploadProblem() {
        return textOf(By.cssSelector("#upload-result .problem"));
    }

    String uploadResultText() {
        return textOf(By.id("upload-result"));
    }

    // ---- a status

    void lookUp(String submissionId) {
        type("status-id", submissionId);
        driver.findElement(By.id("status-button")).click();
    }

    /** The status word shown (Accepted, Rejected, Unknown) once an answer is there. */
    String statusWord() {
        return textOf(By.cssSelector("#status-result .status-word"));
    }

    String statusText() {
        return textOf(By.id("status-result"));
    }

    // ---- the alerts inbox

    /** Waits until the inbox says it is live (the stream's ready event arrived). */
    String inboxLive() {
        return waitUntil(d -> {
            String text = d.findElement(By.id("inbox-state")).getText();
            return text.startsWith("Live") ? text : null;
        }, "the inbox to be live");
    }

    /** The inbox entry of an alert, once it is shown. */
    WebElement inboxEntry(String alertId) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#inbox-list li[data-alert-id='" + alertId + "']")), "alert " + alertId + " in the inbox");
    }

    List<String> inboxAlertIds() {
        return driver.findElements(By.cssSelector("#inbox-list li")).stream()
                .map(e -> e.getAttribute("data-alert-id")).toList();
    }

    // ---- the indicator page

    void lookUpIndicator(String value) {
        type("indicator-value", value);
        driver.findElement(By.id("indicator-button")).click();
    }

    /** The indicator shown, once it is there. */
    WebElement indicatorView() {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#indicator-result article.indicator")),
                "the indicator view");
    }

    String indicatorFact(String name) {
        return textOf(By.cssSelector("#indicator-result dd[data-fact='" + name + "']"));
    }

    // ---- search and export

    void search() {
        driver.findElement(By.id("search-button")).click();
    }

    List<WebElement> searchRows() {
        return driver.findElements(By.cssSelector("#search-table tbody tr"));
    }

    // ---- the browser's storage, as a script on the page sees it

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    String sessionStorageKey() {
        return (String) script("return sessionStorage.getItem('caspian.apiKey');");
    }

    long sessionStorageLength() {
        return ((Number) script("return sessionStorage.length;")).longValue();
    }

    long localStorageLength() {
        return ((Number) script("return localStorage.length;")).longValue();
    }

    String cookies() {
        return (String) script("return document.cookie;");
    }

    /** The page's console messages so far (Chromium only: HtmlUnit keeps no such log). */
    List<String> browserConsole() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    // ---- waiting

    WebElement element(By by) {
        return driver.findElement(by);
    }

    /** The visible, non-empty text of an element, waiting for it to appear. */
    String textOf(By by) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            if (found.isEmpty() || !found.get(0).isDisplayed()) {
                return null;
            }
            String text = found.get(0).getText();
            return text == null || text.isBlank() ? null : text;
        }, by.toString());
    }

    /** What the page shows in its answers and field errors, for a failure's message. */
    private String pageText() {
        try {
            return driver.findElements(By.cssSelector(".outcome, .field-error")).stream()
                    .filter(WebElement::isDisplayed)
                    .map(e -> "#" + e.getAttribute("id") + ": " + e.getText())
                    .collect(java.util.stream.Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    <T> T waitUntil(java.util.function.Function<? super WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "waiting in " + browser.name() + " for " + what + "; the page shows:\n" + pageText())
                .until(condition);
    }
}
