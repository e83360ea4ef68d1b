namespace KoproGo.Data.Migrations;

/// <summary>
/// Rules the EF model cannot express, installed by the migrations. They hold even for a direct SQL write or a
/// service bug: the services check first (with a message), the database refuses what slips through.
/// A constant here is history: once a migration uses it, its text never changes (an edit would silently rewrite what
/// that migration installs on a new database). A new version of a rule is a new constant (<c>LedgerV2</c>) used by a
/// new migration; <c>DatabaseRulesTests</c> holds the fingerprint of each constant and fails on an edit.
/// </summary>
public static class DatabaseRules
{
    /// <summary>The audit log is append-only; only the retention job may delete (SET LOCAL koprogo.audit_purge = 'on').</summary>
    public const string AuditAppendOnly = """
        CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND current_setting('koprogo.audit_purge', true) = 'on' THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION 'audit_entries is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
        END $$;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
          FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
        """;

    /// <summary>
    /// Replaces the append-only function: besides the retention purge, a GDPR erasure may rewrite who and what an
    /// entry names (SET LOCAL koprogo.audit_redact = 'on'), and only the columns that can hold personal data.
    /// </summary>
    public const string AuditRedaction = """
        CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND current_setting('koprogo.audit_purge', true) = 'on' THEN
            RETURN OLD;
          END IF;
          IF TG_OP = 'UPDATE' AND current_setting('koprogo.audit_redact', true) = 'on'
             AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id
             AND NEW.action = OLD.action AND NEW.entity_type = OLD.entity_type
             AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
             AND NEW.organisation_id IS NOT DISTINCT FROM OLD.organisation_id
             AND NEW.building_id IS NOT DISTINCT FROM OLD.building_id THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'audit_entries is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
        END $$;
        """;

    /// <summary>
    /// The ledger's rules, whatever writes to it: an entry has at least two lines and Σ debit = Σ credit (checked at
    /// COMMIT, so the lines may be inserted in any order); posted lines and entries never change or disappear (an
    /// entry may only be linked once to the reversal that corrects it); a closed fiscal year takes no new entry.
    /// </summary>
    public const string Ledger = """
        CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE entry uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;   -- 'id' on entries, 'entry_id' on lines
                n int; d numeric; c numeric;
        BEGIN
          SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0) INTO n, d, c FROM journal_lines WHERE entry_id = entry;
          IF n < 2 OR d <> c THEN
            RAISE EXCEPTION 'journal entry % is not balanced (% lines, debit %, credit %)', entry, n, d, c USING ERRCODE = '23514';
          END IF;
          RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced('id');
        CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced('entry_id');

        CREATE FUNCTION journal_lines_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'posted journal lines cannot be changed (% refused): post a reversal', TG_OP USING ERRCODE = 'P0001';
        END $$;
        CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines
          FOR EACH ROW EXECUTE FUNCTION journal_lines_immutable();

        CREATE FUNCTION journal_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD.reversed_by_id IS NULL AND NEW.reversed_by_id IS NOT NULL
             AND (to_jsonb(NEW) - 'reversed_by_id') = (to_jsonb(OLD) - 'reversed_by_id') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'posted journal entries cannot be changed (% refused): post a reversal', TG_OP USING ERRCODE = 'P0001';
        END $$;
        CREATE TRIGGER journal_entries_immutable BEFORE UPDATE OR DELETE ON journal_entries
          FOR EACH ROW EXECUTE FUNCTION journal_entries_immutable();

        CREATE FUNCTION journal_entries_open_year() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE y fiscal_years%ROWTYPE;
        BEGIN
          SELECT * INTO y FROM fiscal_years WHERE id = NEW.fiscal_year_id;
          IF y.closed_at IS NOT NULL THEN
            RAISE EXCEPTION 'fiscal year % is closed', y.start_date USING ERRCODE = 'P0001';
          END IF;
          IF NEW.date < y.start_date OR NEW.date > y.end_date OR NEW.building_id <> y.building_id THEN
            RAISE EXCEPTION 'entry date % is outside its fiscal year', NEW.date USING ERRCODE = '23514';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER journal_entries_open_year BEFORE INSERT ON journal_entries
          FOR EACH ROW EXECUTE FUNCTION journal_entries_open_year();
        """;

    /// <summary>
    /// The entry's gapless number and reference (2026-VEN-000042), given at COMMIT from the counter of its year and
    /// journal: an entry inserted without a number (0) is numbered by a deferred trigger, so the counter row is locked
    /// only while the transaction commits — concurrent postings queue for that moment alone, never for a round trip
    /// to the application — and a rollback takes no number. The numbers follow the commits. An entry inserted with its
    /// number (a batch that took its range, data loads) keeps it; the unique index on numbered entries still refuses a
    /// duplicate, and the immutability rule lets a number be given once, nothing else change.
    /// </summary>
    public const string EntryNumbering = """
        CREATE FUNCTION journal_entries_number() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE n int; label int;
        BEGIN
          IF NEW.number = 0 THEN
            INSERT INTO journal_counters (fiscal_year_id, journal, last_number) VALUES (NEW.fiscal_year_id, NEW.journal, 1)
            ON CONFLICT (fiscal_year_id, journal) DO UPDATE SET last_number = journal_counters.last_number + 1
            RETURNING last_number INTO n;
            SELECT extract(year FROM y.start_date)::int INTO label FROM fiscal_years y WHERE y.id = NEW.fiscal_year_id;
            UPDATE journal_entries SET number = n, reference = label || '-' || NEW.journal || '-' || lpad(n::text, greatest(6, length(n::text)), '0')
             WHERE id = NEW.id;
          END IF;
          RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER journal_entries_number AFTER INSERT ON journal_entries
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entries_number();

        CREATE OR REPLACE FUNCTION journal_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD.reversed_by_id IS NULL AND NEW.reversed_by_id IS NOT NULL
             AND (to_jsonb(NEW) - 'reversed_by_id') = (to_jsonb(OLD) - 'reversed_by_id') THEN
            RETURN NEW;
          END IF;
          IF TG_OP = 'UPDATE' AND OLD.number = 0 AND NEW.number > 0
             AND (to_jsonb(NEW) - 'number' - 'reference') = (to_jsonb(OLD) - 'number' - 'reference') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'posted journal entries cannot be changed (% refused): post a reversal', TG_OP USING ERRCODE = 'P0001';
        END $$;
        """;

    /// <summary>A line's fiscal year and date are always its entry's, whoever inserts it.</summary>
    public const string LinePlacement = """
        CREATE FUNCTION journal_lines_place() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          SELECT e.fiscal_year_id, e.date INTO NEW.fiscal_year_id, NEW.date FROM journal_entries e WHERE e.id = NEW.entry_id;
          RETURN NEW;
        END $$;
        CREATE TRIGGER journal_lines_place BEFORE INSERT ON journal_lines
          FOR EACH ROW EXECUTE FUNCTION journal_lines_place();
        """;

    /// <summary>Σ unit shares ≤ building total, checked at commit.</summary>
    public const string UnitSharesWithinTotal = """
        CREATE FUNCTION units_within_total() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE total int; allocated bigint;
        BEGIN
          SELECT b.total_shares INTO total FROM buildings b WHERE b.id = NEW.building_id;
          SELECT coalesce(sum(u.shares), 0) INTO allocated FROM units u WHERE u.building_id = NEW.building_id;
          IF allocated > total THEN
            RAISE EXCEPTION 'units of building % hold % shares, more than its total %', NEW.building_id, allocated, total
              USING ERRCODE = '23514';
          END IF;
          RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER units_within_total AFTER INSERT OR UPDATE ON units
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION units_within_total();
        """;

    /// <summary>
    /// The open ownerships of a unit add up to 100 % (full), or to 100 % bare ownership and 100 % usufruct with no
    /// full ownership; checked at commit so a transfer may close and open rows in any order.
    /// </summary>
    public const string OwnershipTotals = """
        CREATE FUNCTION ownerships_total_check() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE unit uuid := coalesce(NEW.unit_id, OLD.unit_id); full_pct numeric; bare numeric; usufruct numeric; n int;
        BEGIN
          SELECT coalesce(sum(percentage) FILTER (WHERE kind = 'Full'), 0),
                 coalesce(sum(percentage) FILTER (WHERE kind = 'BareOwnership'), 0),
                 coalesce(sum(percentage) FILTER (WHERE kind = 'Usufruct'), 0),
                 count(*)
            INTO full_pct, bare, usufruct, n
            FROM ownerships WHERE unit_id = unit AND end_date IS NULL;
          IF n > 0 AND NOT ((full_pct = 100 AND bare = 0 AND usufruct = 0) OR (full_pct = 0 AND bare = 100 AND usufruct = 100)) THEN
            RAISE EXCEPTION 'open ownerships of unit % do not add up to 100 %% (full %, bare %, usufruct %)', unit, full_pct, bare, usufruct
              USING ERRCODE = '23514';
          END IF;
          RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER ownerships_total_check AFTER INSERT OR UPDATE OR DELETE ON ownerships
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ownerships_total_check();
        """;
}
