ALTER TYPE "public"."sync_kind" ADD VALUE 'poll';--> statement-breakpoint
CREATE TABLE "prro_shifts" (
	"org_id" uuid NOT NULL,
	"kkt_id" uuid NOT NULL,
	"shift_id" text NOT NULL,
	"day" date NOT NULL,
	"opened_at" text NOT NULL,
	"number" integer,
	"is_open" boolean NOT NULL,
	"closed_seen" boolean DEFAULT false NOT NULL,
	"closed_unseen" boolean DEFAULT false NOT NULL,
	"income" bigint NOT NULL,
	"refunds" bigint NOT NULL,
	"income_vat" bigint,
	"refunds_vat" bigint,
	"income_cash" bigint,
	"income_cashless" bigint,
	"refunds_cash" bigint,
	"refunds_cashless" bigint,
	"receipts" integer NOT NULL,
	"refund_receipts" integer NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sync_run_id" uuid,
	CONSTRAINT "prro_shifts_pk" PRIMARY KEY("org_id","kkt_id","shift_id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "currency" char(3) DEFAULT 'RUB' NOT NULL;--> statement-breakpoint
ALTER TABLE "prro_shifts" ADD CONSTRAINT "prro_shifts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prro_shifts" ADD CONSTRAINT "prro_shifts_kkt_fk" FOREIGN KEY ("org_id","kkt_id") REFERENCES "public"."kkts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prro_shifts_day_idx" ON "prro_shifts" USING btree ("org_id","kkt_id","day");