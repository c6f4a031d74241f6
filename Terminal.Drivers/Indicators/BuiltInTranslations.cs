namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// The display texts the terminal ships besides English, each at most 16 characters. The fare table names the
    /// languages a terminal speaks, in order; <see cref="LanguageSelection"/> picks the first one found here.
    /// </summary>
    public static class BuiltInTranslations
    {
        public static void AddTo(MessageTable table)
        {
            Add(table, "fr", new string[]
            {
                "Bienvenue", "Carte ou code", "Tarif", "Solde", "Bon voyage", "Refusé", "Solde insuffis.",
                "Carte bloquée", "Carte illisible", "Représentez", "Code invalide", "Code expiré", "Déjà utilisé",
                "Non valable ici", "Mémoire: alerte", "Hors ligne", "Tarifs périmés", "Hors service", "Carte expirée",
                "Maintenance", "Déjà payé", "Recharge", "ajoutée", "Sans liste noire",
                "Panne terminal", "Clés absentes",
            });
            Add(table, "es", new string[]
            {
                "Bienvenido", "Tarjeta o código", "Tarifa", "Saldo", "Buen viaje", "Rechazado", "Saldo insuf.",
                "Tarj. bloqueada", "Tarj. ilegible", "Pase de nuevo", "Código inválido", "Código caducado", "Ya utilizado",
                "No válido aquí", "Memoria: aviso", "Sin conexión", "Tarifas antiguas", "Fuera servicio", "Tarj. caducada",
                "Mantenimiento", "Ya pagado", "Recarga", "añadida", "Sin lista negra",
                "Fallo terminal", "Sin claves",
            });
        }

        /// <summary>Texts in <see cref="MessageId"/> order.</summary>
        private static void Add(MessageTable table, string code, string[] texts)
        {
            int language = table.AddLanguage(code);
            for (int id = 0; id < texts.Length; id++)
            {
                table.SetText(language, (MessageId)id, texts[id]);
            }
        }
    }
}
