package io.github.harvestsdk.example

import io.github.harvestsdk.HarvestClient
import io.github.harvestsdk.budgetReport
import io.github.harvestsdk.logTime
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import java.math.BigDecimal
import java.time.LocalDate
import kotlin.system.exitProcess

/**
 * Logs an hour and a half on the first project and task the user is assigned to, then prints the
 * budget report. Against the sandbox: `make example-kotlin`; against Harvest: set
 * HARVEST_ACCOUNT_ID, HARVEST_ACCESS_TOKEN (and HARVEST_BASE_URL for another server) and run
 * `mvn -q exec:java@example`.
 */
public fun main() {
    val env = System.getenv()
    val accountId = env["HARVEST_ACCOUNT_ID"]?.toLongOrNull()
    val token = env["HARVEST_ACCESS_TOKEN"]
    if (accountId == null || token.isNullOrEmpty()) {
        System.err.println("set HARVEST_ACCOUNT_ID and HARVEST_ACCESS_TOKEN (and HARVEST_BASE_URL for the sandbox)")
        exitProcess(2)
    }
    HarvestClient(accountId, token, "harvest-sdk Kotlin example (example@example.com)", baseUrl = env["HARVEST_BASE_URL"]).use { client ->
        runBlocking { run(client, System.out) }
    }
}

/** The example itself, writing to [out]. */
public suspend fun run(client: HarvestClient, out: Appendable) {
    val me = client.users.me()
    val assignment = client.users.myProjectAssignments().first { it.isActive && it.taskAssignments.isNotEmpty() }
    val task = assignment.taskAssignments.first { it.isActive }.task ?: error("a task assignment without its task")
    val entry = client.logTime(assignment.project.id, task.id, LocalDate.now(), BigDecimal("1.5"), notes = "logged by the Kotlin example")
    out.appendLine("Logged ${entry.hours.toPlainString()} h for ${me.firstName} on ${assignment.project.name} / ${task.name} (entry ${entry.id})")
    out.appendLine()
    out.appendLine(String.format("%-28s %12s %12s %12s", "project", "budget", "spent", "remaining"))
    for (row in client.budgetReport()) {
        fun money(value: BigDecimal?) = value?.setScale(2, java.math.RoundingMode.HALF_EVEN)?.toPlainString() ?: "-"
        out.appendLine(String.format("%-28s %12s %12s %12s", row.projectName ?: "?", money(row.budget), money(row.budgetSpent), money(row.budgetRemaining)))
    }
}
