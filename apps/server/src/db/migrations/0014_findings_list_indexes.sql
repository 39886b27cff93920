DROP INDEX "scan_findings_state_severity_due_idx";--> statement-breakpoint
DROP INDEX "scan_findings_tool_idx";--> statement-breakpoint
ALTER TABLE "scan_findings" ADD COLUMN "severity_rank" smallint GENERATED ALWAYS AS ((case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "scan_findings_list_idx" ON "scan_findings" USING btree ("severity_rank","due_on","id");--> statement-breakpoint
CREATE INDEX "scan_findings_state_list_idx" ON "scan_findings" USING btree ("state","severity_rank","due_on","id");--> statement-breakpoint
CREATE INDEX "scan_findings_tool_list_idx" ON "scan_findings" USING btree ("tool","severity_rank","due_on","id");--> statement-breakpoint
CREATE INDEX "scan_findings_title_trgm_idx" ON "scan_findings" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "scan_findings_rule_idx" ON "scan_findings" USING btree ("rule_id");