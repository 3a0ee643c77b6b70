package io.github.harvestsdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.harvestsdk.ffi.HarvestDecoded;
import io.github.harvestsdk.ffi.HarvestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK as a Java program sees it: no coroutines, no Kotlin defaults, checked against the sandbox. */
class JavaInteropTest {
    private static Sandbox sandbox;
    private static HarvestClient client;
    private static BlockingHarvestClient blocking;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox("--seed", "demo", "--no-rate-limit");
        String options = String.format(
                "{\"account_id\": %d, \"access_token\": \"%s\", \"user_agent\": \"harvest-sdk Java tests (tests@example.com)\", \"base_url\": \"%s\", \"id_base_url\": \"%s\"}",
                sandbox.getAccountId(), sandbox.getAccessToken(), sandbox.getBaseUrl(), sandbox.getBaseUrl());
        client = HarvestClient.fromOptionsJson(options);
        blocking = client.getBlocking();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Project project(String name) {
        return blocking.all(client.getProjects().list()).stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Task task(String name) {
        return blocking.all(client.getTasks().list()).stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsTakeNoArgumentsOrFiltersAndReadEveryPage() {
        List<Project> active = blocking.all(client.getProjects().list(true));
        List<Project> every = blocking.all(client.getProjects().list());
        assertFalse(active.isEmpty());
        assertTrue(every.size() >= active.size());
        assertTrue(active.stream().allMatch(Project::isActive));
        Iterator<Page<TimeEntry>> pages = blocking.pages(client.getTimeEntries().list(null, null, null, null, null, null, null, null, null, 50));
        Page<TimeEntry> first = pages.next();
        assertEquals(50, first.getItems().size());
        assertTrue(pages.hasNext());
        assertEquals(1, blocking.first(client.getTasks().list(true), 1).size());
    }

    @Test
    void everyOperationIsReachableTypedOrAsTheGenericTree() {
        Project website = project("Marketing Website");
        Project again = blocking.one("retrieveProject", List.of(website.getId()), null, Project::from);
        assertEquals(website.getId(), again.getId());
        assertEquals(website.getClient().getId(), again.getClient().getId());
        Client created = blocking.one("createClient", List.of(), Map.of("name", "Java Client", "currency", "EUR"), Client::from);
        assertEquals("EUR", created.getCurrency());
        HarvestDecoded deleted = blocking.call("deleteClient", List.of(created.getId()), null);
        deleted.close();
        assertEquals("Sandbox Studio", blocking.one("retrieveCompany", List.of(), null, Company::from).getName());
        assertEquals(BillBy.Project.INSTANCE, BillBy.of("Project"));
        assertFalse(blocking.me().getAccessRoles().isEmpty());
    }

    @Test
    void workflowsAndErrorsAreMethodsAndExceptions() {
        Project project = project("Internal Tools");
        Task task = task("Programming");
        TimeEntry logged = blocking.logTime(project.getId(), task.getId(), LocalDate.of(2024, 5, 6), new BigDecimal("1.25"), "logged from Java");
        assertEquals(0, new BigDecimal("1.25").compareTo(logged.getHours()));
        assertEquals("logged from Java", logged.getNotes());
        HarvestException.NotFound missing = assertThrows(HarvestException.NotFound.class,
                () -> blocking.one("retrieveClient", List.of(999_999_999L), null, Client::from));
        assertEquals("not_found", missing.getCode());
        HarvestException.InvalidInput invalid = assertThrows(HarvestException.InvalidInput.class,
                () -> blocking.call("listClients", List.of(), Map.of("per_page", 5000)));
        assertEquals("invalid_input", invalid.getCode());
        assertFalse(String.valueOf(invalid.getMessage()).contains(sandbox.getAccessToken()));
    }
}
