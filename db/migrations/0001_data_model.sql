CREATE TYPE "public"."connection_status" AS ENUM('new', 'ok', 'auth_failed', 'error');--> statement-breakpoint
CREATE TYPE "public"."provider_kind" AS ENUM('renta', 'yandex', 'kontur', 'prro');--> statement-breakpoint
CREATE TYPE "public"."tenant_source" AS ENUM('discovered', 'manual');--> statement-breakpoint
CREATE TYPE "public"."base_rent_kind" AS ENUM('monthly', 'per_m2_monthly', 'per_m2_yearly');--> statement-breakpoint
CREATE TYPE "public"."contract_status" AS ENUM('active', 'ended');--> statement-breakpoint
CREATE TYPE "public"."rent_mode" AS ENUM('greater_of', 'base_plus_overage', 'base_plus_percentage', 'percentage_only');--> statement-breakpoint
CREATE TYPE "public"."kkt_day_state" AS ENUM('not_available');--> statement-breakpoint
CREATE TYPE "public"."statement_status" AS ENUM('draft', 'issued');--> statement-breakpoint
CREATE TYPE "public"."sync_kind" AS ENUM('discovery', 'turnover', 'nightly');--> statement-breakpoint
CREATE TYPE "public"."sync_status" AS ENUM('queued', 'running', 'succeeded', 'partial', 'failed');--> statement-breakpoint
CREATE TABLE "cabinets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"inn" text NOT NULL,
	"kpp" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"status" text,
	"active_from" date,
	"active_to" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cabinets_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"provider" "provider_kind" NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"secret_ciphertext" text,
	"secret_key_version" integer,
	"status" "connection_status" DEFAULT 'new' NOT NULL,
	"last_error" text,
	"last_sync_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "kkts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"rnm" text NOT NULL,
	"fn_number" text,
	"serial" text,
	"address" text,
	"place" text,
	"tenant_id" uuid NOT NULL,
	"cabinet_id" uuid,
	"store_id" uuid,
	"consent_from" date,
	"consent_to" date,
	"reports" text[],
	"last_seen_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kkts_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "premises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"floor" text,
	"area_m2" numeric(12, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "premises_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "store_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"external_id" text,
	"name" text NOT NULL,
	"brand" text,
	"category_override" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stores_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"inn" text NOT NULL,
	"kpp" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"source" "tenant_source" DEFAULT 'manual' NOT NULL,
	"cabinet_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "contract_kkts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"kkt_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_premises" (
	"org_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"premises_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"mode" "rent_mode" NOT NULL,
	"base_rent_kind" "base_rent_kind" NOT NULL,
	"base_rent_amount" bigint NOT NULL,
	"tiers" jsonb NOT NULL,
	"breakpoint" bigint,
	"pct_floor" bigint,
	"pct_cap" bigint,
	"basis_refunds" text DEFAULT 'net' NOT NULL,
	"basis_vat" text DEFAULT 'included' NOT NULL,
	"excluded_forms" text[],
	"vat_on_rent" numeric(5, 2),
	"vat_inclusive" boolean DEFAULT false NOT NULL,
	"indexation_percent" numeric(7, 4),
	"indexation_on" text,
	"yearly_thresholds" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"number" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"store_id" uuid,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"currency" char(3) DEFAULT 'RUB' NOT NULL,
	"status" "contract_status" DEFAULT 'active' NOT NULL,
	"lease_year_reconciliation" boolean DEFAULT false NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "turnover_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"period" char(7) NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kkt_day_status" (
	"org_id" uuid NOT NULL,
	"kkt_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" "kkt_day_state" NOT NULL,
	"reason" text,
	CONSTRAINT "kkt_day_status_pk" PRIMARY KEY("org_id","kkt_id","day")
);
--> statement-breakpoint
CREATE TABLE "turnover_daily" (
	"org_id" uuid NOT NULL,
	"kkt_id" uuid NOT NULL,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"income" bigint NOT NULL,
	"refunds" bigint NOT NULL,
	"income_vat" bigint,
	"refunds_vat" bigint,
	"income_cash" bigint,
	"income_cashless" bigint,
	"income_prepaid" bigint,
	"income_credit" bigint,
	"refunds_cash" bigint,
	"refunds_cashless" bigint,
	"refunds_prepaid" bigint,
	"refunds_credit" bigint,
	"receipts" integer,
	"refund_receipts" integer,
	"sync_run_id" uuid,
	"pulled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "turnover_daily_pk" PRIMARY KEY("org_id","kkt_id","day","source")
);
--> statement-breakpoint
CREATE TABLE "rent_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"period" char(7) NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"status" "statement_status" DEFAULT 'draft' NOT NULL,
	"currency" char(3) NOT NULL,
	"turnover" bigint NOT NULL,
	"base_rent" bigint NOT NULL,
	"percentage_rent" bigint NOT NULL,
	"rent" bigint NOT NULL,
	"vat" bigint NOT NULL,
	"total" bigint NOT NULL,
	"terms_snapshot" jsonb NOT NULL,
	"inputs" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"flags" jsonb NOT NULL,
	"needs_revision" boolean DEFAULT false NOT NULL,
	"reason" text,
	"supersedes_id" uuid,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	CONSTRAINT "rent_statements_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "sync_errors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"sync_run_id" uuid NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"cabinet_inn" text,
	"rnms" text[],
	"days" text[],
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" "sync_kind" NOT NULL,
	"from_date" date,
	"to_date" date,
	"status" "sync_status" DEFAULT 'queued' NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"checkpoint" jsonb,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_runs_org_id_uq" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "cabinets" ADD CONSTRAINT "cabinets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinets" ADD CONSTRAINT "cabinets_connection_fk" FOREIGN KEY ("org_id","connection_id") REFERENCES "public"."connections"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kkts" ADD CONSTRAINT "kkts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kkts" ADD CONSTRAINT "kkts_tenant_fk" FOREIGN KEY ("org_id","tenant_id") REFERENCES "public"."tenants"("org_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kkts" ADD CONSTRAINT "kkts_cabinet_fk" FOREIGN KEY ("org_id","cabinet_id") REFERENCES "public"."cabinets"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kkts" ADD CONSTRAINT "kkts_store_fk" FOREIGN KEY ("org_id","store_id") REFERENCES "public"."stores"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premises" ADD CONSTRAINT "premises_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_categories" ADD CONSTRAINT "store_categories_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_categories" ADD CONSTRAINT "store_categories_store_fk" FOREIGN KEY ("org_id","store_id") REFERENCES "public"."stores"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_cabinet_fk" FOREIGN KEY ("org_id","cabinet_id") REFERENCES "public"."cabinets"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_kkts" ADD CONSTRAINT "contract_kkts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_kkts" ADD CONSTRAINT "contract_kkts_contract_fk" FOREIGN KEY ("org_id","contract_id") REFERENCES "public"."contracts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_kkts" ADD CONSTRAINT "contract_kkts_kkt_fk" FOREIGN KEY ("org_id","kkt_id") REFERENCES "public"."kkts"("org_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_premises" ADD CONSTRAINT "contract_premises_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_premises" ADD CONSTRAINT "contract_premises_contract_fk" FOREIGN KEY ("org_id","contract_id") REFERENCES "public"."contracts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_premises" ADD CONSTRAINT "contract_premises_premises_fk" FOREIGN KEY ("org_id","premises_id") REFERENCES "public"."premises"("org_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_terms" ADD CONSTRAINT "contract_terms_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_terms" ADD CONSTRAINT "contract_terms_contract_fk" FOREIGN KEY ("org_id","contract_id") REFERENCES "public"."contracts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_tenant_fk" FOREIGN KEY ("org_id","tenant_id") REFERENCES "public"."tenants"("org_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_store_fk" FOREIGN KEY ("org_id","store_id") REFERENCES "public"."stores"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "turnover_adjustments" ADD CONSTRAINT "turnover_adjustments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "turnover_adjustments" ADD CONSTRAINT "turnover_adjustments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "turnover_adjustments" ADD CONSTRAINT "turnover_adjustments_contract_fk" FOREIGN KEY ("org_id","contract_id") REFERENCES "public"."contracts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kkt_day_status" ADD CONSTRAINT "kkt_day_status_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kkt_day_status" ADD CONSTRAINT "kkt_day_status_kkt_fk" FOREIGN KEY ("org_id","kkt_id") REFERENCES "public"."kkts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "turnover_daily" ADD CONSTRAINT "turnover_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "turnover_daily" ADD CONSTRAINT "turnover_daily_kkt_fk" FOREIGN KEY ("org_id","kkt_id") REFERENCES "public"."kkts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_statements" ADD CONSTRAINT "rent_statements_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_statements" ADD CONSTRAINT "rent_statements_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rent_statements" ADD CONSTRAINT "rent_statements_contract_fk" FOREIGN KEY ("org_id","contract_id") REFERENCES "public"."contracts"("org_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_errors" ADD CONSTRAINT "sync_errors_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_errors" ADD CONSTRAINT "sync_errors_run_fk" FOREIGN KEY ("org_id","sync_run_id") REFERENCES "public"."sync_runs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_fk" FOREIGN KEY ("org_id","connection_id") REFERENCES "public"."connections"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cabinets_conn_inn_kpp_uq" ON "cabinets" USING btree ("org_id","connection_id","inn","kpp");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_org_name_uq" ON "connections" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "kkts_org_rnm_uq" ON "kkts" USING btree ("org_id","rnm");--> statement-breakpoint
CREATE INDEX "kkts_org_tenant_idx" ON "kkts" USING btree ("org_id","tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "premises_org_code_uq" ON "premises" USING btree ("org_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "store_categories_uq" ON "store_categories" USING btree ("org_id","store_id","name","value");--> statement-breakpoint
CREATE UNIQUE INDEX "stores_org_external_uq" ON "stores" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_org_inn_kpp_uq" ON "tenants" USING btree ("org_id","inn","kpp");--> statement-breakpoint
CREATE INDEX "contract_kkts_kkt_idx" ON "contract_kkts" USING btree ("org_id","kkt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_premises_uq" ON "contract_premises" USING btree ("org_id","contract_id","premises_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_terms_version_uq" ON "contract_terms" USING btree ("org_id","contract_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_org_number_uq" ON "contracts" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "turnover_adjustments_idx" ON "turnover_adjustments" USING btree ("org_id","contract_id","period");--> statement-breakpoint
CREATE INDEX "turnover_daily_org_day_idx" ON "turnover_daily" USING btree ("org_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "rent_statements_revision_uq" ON "rent_statements" USING btree ("org_id","contract_id","period","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active_uq" ON "sync_runs" USING btree ("connection_id") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "sync_runs_org_created_idx" ON "sync_runs" USING btree ("org_id","created_at");