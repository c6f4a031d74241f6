namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// Prices a card tap or a QR scan from the fare table, the card's (or account's) trip state and
    /// the tap. The rules run in a fixed order, documented in docs/fares.md:
    /// table present, passback, validity checks, fare (route or zones, then promotion, then
    /// concession), transfer credit, daily cap, balance and overdraft. Pricing is a pure function
    /// of its inputs, writes only into the caller's <see cref="FareDecision"/> and allocates nothing.
    /// </summary>
    public static class FareEngine
    {
        public static void Price(FareTable? table, TripState card, TapContext tap, FareDecision decision)
        {
            decision.Start(card);
            if (table == null)
            {
                decision.Refuse(RefusalReason.NoTable);
                return;
            }

            if (IsPassback(table, card, tap))
            {
                decision.Outcome = FareOutcome.AlreadyPaid;
                decision.Rules = FareRules.Passback;
                return;
            }

            RefusalReason invalid = CheckValidity(table, card, tap);
            if (invalid != RefusalReason.None)
            {
                decision.Refuse(invalid);
                return;
            }

            int route = table.FindRoute(tap.RouteId);
            int fare = route < 0 ? -1 : table.RouteFare(route, tap.OriginZone, tap.DestinationZone);
            if (fare < 0)
            {
                decision.Refuse(RefusalReason.NoFareForRoute);
                return;
            }

            int rules = table.IsZonal(route) ? FareRules.Zonal : FareRules.None;
            int promotion = table.BestPromotion(tap.RouteId, card.CardType, tap.Time, fare);
            if (promotion >= 0)
            {
                fare = table.PromotedFare(promotion, fare);
                rules |= FareRules.Promotion;
            }

            if (table.ConcessionOf(card.CardType) != ConcessionKind.None)
            {
                fare = table.ConcessionFare(card.CardType, fare);
                rules |= FareRules.Concession;
            }

            decision.Fare = fare;
            decision.Promotion = promotion;

            bool transfer = IsTransfer(table, card, tap);
            int amount = fare;
            if (transfer)
            {
                int credit = card.JourneyFare > 0 ? card.JourneyFare : 0;
                amount = fare > credit ? fare - credit : 0;
                rules |= FareRules.Transfer;
            }

            int day = table.ServiceDayOf(tap.Time);
            int chargedToday = 0;
            if (day <= card.ServiceDay)
            {
                // A clock behind the card's day keeps counting on the card's day, so that day's cap still holds.
                day = card.ServiceDay;
                chargedToday = card.ChargedToday > 0 ? card.ChargedToday : 0;
            }

            bool capped = false;
            int cap = table.DailyCap(card.CardType);
            if (cap > 0)
            {
                int remaining = cap > chargedToday ? cap - chargedToday : 0;
                if (amount > remaining)
                {
                    amount = remaining;
                    capped = true;
                    rules |= FareRules.Cap;
                }
            }

            decision.Rules = rules;
            if (card.Balance < 0)
            {
                decision.Refuse(RefusalReason.TopUpRequired);
                return;
            }

            if (amount > card.Balance)
            {
                if (!MayOverdraw(table, card.Balance, amount))
                {
                    decision.Refuse(RefusalReason.InsufficientFunds);
                    return;
                }

                decision.Rules = rules | FareRules.Overdraft;
            }

            decision.Outcome = transfer ? FareOutcome.Transfer : (capped && amount == 0 ? FareOutcome.Capped : FareOutcome.Charge);
            decision.Amount = amount;
            Board(decision.NewState, card, tap, fare, amount, day, chargedToday, transfer);
        }

        private static bool IsPassback(FareTable table, TripState card, TapContext tap)
        {
            long since = tap.Time - card.LastBoardingTime;
            return card.LastBoardingTime > 0 && card.LastTerminalId == tap.TerminalId && since >= 0 && since < table.PassbackSeconds;
        }

        private static RefusalReason CheckValidity(FareTable table, TripState card, TapContext tap)
        {
            if (tap.CardExpired)
            {
                return RefusalReason.CardExpired;
            }

            if (tap.Time < table.ValidFrom)
            {
                return RefusalReason.TableNotYetValid;
            }

            if (table.ValidUntil != 0 && tap.Time >= table.ValidUntil)
            {
                return RefusalReason.TableExpired;
            }

            if ((int)card.CardType >= FareTableFormat.CardTypeCount)
            {
                return RefusalReason.UnknownCardType;
            }

            return RefusalReason.None;
        }

        /// <summary>A transfer: a later boarding on another terminal, within the window of the journey's paid boarding, with transfers left.</summary>
        private static bool IsTransfer(FareTable table, TripState card, TapContext tap)
        {
            long since = tap.Time - card.JourneyStartTime;
            return card.JourneyStartTime > 0
                && card.LastTerminalId != tap.TerminalId
                && card.TransfersUsed >= 0
                && card.TransfersUsed < table.MaxTransfers
                && since >= 0
                && since <= table.TransferWindowSeconds;
        }

        /// <summary>One last ride into the negative: the balance is at least the table's minimum and ends no lower than minus the limit.</summary>
        private static bool MayOverdraw(FareTable table, int balance, int amount)
        {
            return table.OverdraftLimit > 0 && balance >= table.OverdraftMinBalance && amount - balance <= table.OverdraftLimit;
        }

        /// <summary>Writes the accepted ride into <paramref name="next"/>; <paramref name="card"/> may be the same object, so it is read first.</summary>
        private static void Board(TripState next, TripState card, TapContext tap, int fare, int amount, int day, int chargedToday, bool transfer)
        {
            int balance = card.Balance;
            int transfersUsed = card.TransfersUsed;
            int journeyFare = card.JourneyFare;

            next.Balance = balance - amount;
            next.LastBoardingTime = tap.Time;
            next.LastRouteId = tap.RouteId;
            next.LastZone = tap.OriginZone;
            next.LastTerminalId = tap.TerminalId;
            next.ServiceDay = day;
            next.ChargedToday = chargedToday > int.MaxValue - amount ? int.MaxValue : chargedToday + amount;
            if (transfer)
            {
                next.TransfersUsed = transfersUsed + 1;
                next.JourneyFare = fare > journeyFare ? fare : journeyFare;
            }
            else
            {
                next.JourneyStartTime = tap.Time;
                next.JourneyFare = fare;
                next.TransfersUsed = 0;
            }
        }
    }
}
